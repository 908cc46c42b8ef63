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
 * Later stages have the cycle's cut-off (prelist-cycles.ts); a closed entry runs no clock.
 * Calendar days: the field visits and the Musyawarah are not office hours.
 */
export function prelistDueAt(
  entry: { status: PrelistStatus; createdAt: Date; verifiedAt: Date | null },
  rules: PrelistClockRules,
): Date | null {
  switch (entry.status) {
    case 'menunggu_verifikasi':
      return new Date(entry.createdAt.getTime() + rules.verificationDays * DAY_MS);
    case 'diverifikasi':
      return entry.verifiedAt
        ? new Date(entry.verifiedAt.getTime() + rules.muskelDays * DAY_MS)
        : null;
    default:
      return null;
  }
}

/** The same clock in SQL over `e` (prelist_entries), with the two day counts as parameters. */
export function prelistDueSql(verificationDays: string, muskelDays: string): string {
  return `CASE e.status
            WHEN 'menunggu_verifikasi' THEN e.created_at + make_interval(days => ${verificationDays})
            WHEN 'diverifikasi' THEN e.verified_at + make_interval(days => ${muskelDays})
          END`;
}
