import { maskIdentityNumbers } from '@crm/core';
import type { ComplaintEvent } from '../complaint-event.entity';
import type { FollowUp } from '../follow-up.entity';
import type { PrelistTrackingDto, RefDto, TimelineEntryDto } from './complaint.dto';

/** The photos Diskominfo published with each validated follow-up, by the follow-up's id. */
export type PublishedEvidence = Record<string, { url: string; thumbnailUrl: string }[]>;

/**
 * What the public may follow of a ticket (docs/notifications.md): when it was received, passed
 * to a unit (by the unit's name), taken up, followed up — only once Diskominfo validated the
 * follow-up (75/2023 §3.5.f.5–6: a unit's draft or a rejected one is not news) — done, rejected
 * with the reason, reopened; and the household's prelist stages. Never a person's name, an
 * internal note or an identity number (masked in the texts officers wrote).
 */
export function publicTimeline(
  events: readonly Pick<ComplaintEvent, 'type' | 'data' | 'reason' | 'at'>[],
  followUps: readonly Pick<FollowUp, 'id' | 'unitCode' | 'note' | 'decision' | 'decidedAt'>[],
  unit: (code: string | null) => RefDto | undefined,
  published: PublishedEvidence,
  prelist?: PrelistTrackingDto,
): TimelineEntryDto[] {
  const validated = followUps
    .filter((f) => f.decision === 'approve')
    .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0));
  let nextValidated = 0;
  const entries: TimelineEntryDto[] = [];
  const add = (entry: TimelineEntryDto) =>
    entries.push(
      Object.fromEntries(
        Object.entries(entry).filter(([, v]) => v !== undefined),
      ) as TimelineEntryDto,
    );
  for (const event of events) {
    const at = event.at.toISOString();
    const toUnit = typeof event.data.toUnit === 'string' ? event.data.toUnit : null;
    switch (event.type) {
      case 'received':
        add({ at, stage: 'diterima' });
        break;
      case 'routed':
      case 'assigned':
      case 'disposition':
        add({ at, stage: 'diteruskan', unit: unit(toUnit) });
        break;
      case 'accepted':
        add({ at, stage: 'diproses', unit: unit((event.data.unit as string | null) ?? null) });
        break;
      case 'approved': {
        const followUp = validated[nextValidated++];
        if (followUp) {
          add({
            at,
            stage: 'tindak_lanjut',
            text: maskIdentityNumbers(followUp.note),
            unit: unit(followUp.unitCode),
            evidence: published[followUp.id]?.length ? published[followUp.id] : undefined,
          });
        }
        add({ at, stage: 'selesai' });
        break;
      }
      case 'closed':
        add({ at, stage: 'selesai' });
        break;
      case 'rejected':
        add({
          at,
          stage: 'ditolak',
          text: event.reason ? maskIdentityNumbers(event.reason) : undefined,
        });
        break;
      case 'reopened':
      case 'disputed':
        add({ at, stage: 'dibuka_kembali', unit: unit(toUnit) });
        break;
    }
  }
  for (const stage of prelist?.stages ?? []) {
    entries.push({ at: stage.at, stage: 'prelist', text: stage.stage });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
