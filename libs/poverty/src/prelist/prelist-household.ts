import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Application } from '../application/application.entity';

/** The prelisted household as triage found it: its entry, and whether it was there already. */
export interface PrelistedHousehold {
  id: string;
  needsRegistration: boolean;
  registrationTicketId: string | null;
}

/**
 * Puts a complaint's household on the prelist (flow 4, steps 5–6): one open entry per household,
 * keyed by the head's NIK hash — a second complaint about the same head joins its entry. A head
 * without a NIK is keyed by the family card, or, without one, by the application itself.
 */
export async function prelistHousehold(
  manager: EntityManager,
  entry: {
    complaintId: string;
    application: Application;
    emergency: boolean;
    createdBy: string;
    /** The cycle whose cut-off has not passed (prelist-cycles.ts) */
    cycleId: string;
  },
): Promise<PrelistedHousehold> {
  const { application } = entry;
  const needsRegistration = application.members.some((member) => member.withoutNik);
  const [row]: {
    id: string;
    needs_registration: boolean;
    registration_ticket_id: string | null;
  }[] = await manager.query(
    `INSERT INTO prelist_entries
         (head_nik_hash, application_id, complaint_ids, kelurahan_code, emergency,
          needs_registration, created_by, cycle_id)
       VALUES ($1, $2, ARRAY[$3::uuid], $4, $5, $6, $7, $8)
       ON CONFLICT (head_nik_hash) WHERE status NOT IN ('tidak_layak', 'ditetapkan')
       DO UPDATE SET complaint_ids = array_append(prelist_entries.complaint_ids, $3::uuid),
                     emergency = prelist_entries.emergency OR EXCLUDED.emergency,
                     needs_registration = prelist_entries.needs_registration
                                          OR EXCLUDED.needs_registration
       RETURNING id, needs_registration, registration_ticket_id`,
    [
      householdKey(application),
      application.id,
      entry.complaintId,
      application.kelurahanCode,
      entry.emergency,
      needsRegistration,
      entry.createdBy,
      entry.cycleId,
    ],
  );
  return {
    id: row.id,
    needsRegistration: row.needs_registration,
    registrationTicketId: row.registration_ticket_id,
  };
}

/** Records the Disdukcapil ticket that registers the household's members without a NIK. */
export async function recordRegistrationTicket(
  manager: EntityManager,
  entryId: string,
  ticketId: string,
): Promise<void> {
  await manager.query(`UPDATE prelist_entries SET registration_ticket_id = $2 WHERE id = $1`, [
    entryId,
    ticketId,
  ]);
}

/** The head's NIK hash; else a key no NIK hash can equal, from the family card or the form. */
export function householdKey(application: Application): string {
  const head = application.members[0];
  if (head.nikHash) return head.nikHash;
  const basis = application.kkHash ? `kk:${application.kkHash}` : `application:${application.id}`;
  return createHash('sha256').update(basis).digest('hex');
}
