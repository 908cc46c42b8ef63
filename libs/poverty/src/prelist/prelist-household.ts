import { EntityManager } from 'typeorm';
import type { Application } from '../application/application.entity';

/**
 * Puts a complaint's household on the prelist (flow 4, steps 5–6): one open entry per household,
 * keyed by the head's NIK hash — a second complaint about the same head joins its entry. Returns
 * the entry's id.
 */
export async function prelistHousehold(
  manager: EntityManager,
  entry: { complaintId: string; application: Application; emergency: boolean; createdBy: string },
): Promise<string> {
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO prelist_entries
       (head_nik_hash, application_id, complaint_ids, kelurahan_code, emergency, created_by)
     VALUES ($1, $2, ARRAY[$3::uuid], $4, $5, $6)
     ON CONFLICT (head_nik_hash) WHERE status NOT IN ('tidak_layak', 'ditetapkan')
     DO UPDATE SET complaint_ids = array_append(prelist_entries.complaint_ids, $3::uuid),
                   emergency = prelist_entries.emergency OR EXCLUDED.emergency
     RETURNING id`,
    [
      entry.application.members[0].nikHash,
      entry.application.id,
      entry.complaintId,
      entry.application.kelurahanCode,
      entry.emergency,
      entry.createdBy,
    ],
  );
  return id;
}
