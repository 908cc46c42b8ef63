import { EntityManager } from 'typeorm';

/** The prelist entry a complaint's household is on, if any. */
export async function prelistEntryOf(
  manager: EntityManager,
  complaintId: string,
): Promise<string | null> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM prelist_entries WHERE $1 = ANY (complaint_ids) LIMIT 1`,
    [complaintId],
  );
  return rows[0]?.id ?? null;
}
