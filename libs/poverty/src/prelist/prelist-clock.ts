import { cycleOf, endOfJakartaDay } from './prelist-cycles';
import type { PrelistStatus } from './prelist-entry.entity';

/** Days a prelist stage may take; neither decree sets them, so they are local decisions. */
export interface PrelistClockRules {
  /** From the entry to its first verification (`PRELIST_VERIFICATION_DAYS`, 14 by default) */
  verificationDays: number;
  /** From the first verification to the Musyawarah's decision (`PRELIST_MUSKEL_DAYS`, 30) */
  muskelDays: number;
}

const DAY_MS = 86_400_000;

/**
 * The prelist entry's own clock: when the stage it is in is due. Waiting for verification: the
 * verification days from the entry; verified: the Musyawarah days from the first verification.
 * Deliberated and not sent yet: its cycle's cut-off, two months before the target data set is
 * determined (75/2023 §3.1.4.b) — past it, the entry has missed its cycle and waits for the next.
 * A sent or closed entry runs no clock.
 * Calendar days: the field visits and the Musyawarah are not office hours.
 */
export function prelistDueAt(
  entry: {
    status: PrelistStatus;
    createdAt: Date;
    verifiedAt: Date | null;
    cycleId: string;
    exportedAt: Date | null;
  },
  rules: PrelistClockRules,
): Date | null {
  switch (entry.status) {
    case 'menunggu_verifikasi':
      return new Date(entry.createdAt.getTime() + rules.verificationDays * DAY_MS);
    case 'diverifikasi':
      return entry.verifiedAt
        ? new Date(entry.verifiedAt.getTime() + rules.muskelDays * DAY_MS)
        : null;
    case 'layak':
    case 'tidak_layak':
      return entry.exportedAt ? null : endOfJakartaDay(cycleOf(entry.cycleId).cutOff);
    default:
      return null;
  }
}

/** The same clock in SQL over `e` (prelist_entries), with the two day counts as parameters. */
export function prelistDueSql(verificationDays: string, muskelDays: string): string {
  return `CASE e.status
            WHEN 'menunggu_verifikasi' THEN e.created_at + make_interval(days => ${verificationDays})
            WHEN 'diverifikasi' THEN e.verified_at + make_interval(days => ${muskelDays})
            ELSE CASE WHEN e.status IN ('layak', 'tidak_layak') AND e.exported_at IS NULL
                      THEN (((e.cycle_id - interval '2 months')::date + 1)::timestamp
                            - interval '7 hours' - interval '1 millisecond') AT TIME ZONE 'UTC'
                 END
          END`;
}
