import { EntityManager } from 'typeorm';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';

/**
 * Whether a not-in-database complaint may close: its household is on the prelist and every
 * emergency child ticket is `selesai`. Returns the reason it may not, or null.
 */
export async function parentNotReady(
  manager: EntityManager,
  parentId: string,
): Promise<string | null> {
  const [{ prelisted, open }]: { prelisted: boolean; open: number }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM prelist_entries WHERE $1 = ANY (complaint_ids)) AS prelisted,
            (SELECT count(*)::int FROM complaints WHERE parent_id = $1 AND status <> 'selesai') AS open`,
    [parentId],
  );
  if (!prelisted) return 'the household is not on the prelist yet (triage first)';
  if (open > 0) return `${open} emergency handling ticket(s) are not selesai yet`;
  return null;
}

/**
 * Closes the parent complaint by itself (a system event) once it is ready: called in the same
 * transaction as the triage or as the approval of its last emergency child.
 */
export async function closeParentIfReady(manager: EntityManager, parentId: string): Promise<void> {
  if (await parentNotReady(manager, parentId)) return;
  const parent = await manager.findOneBy(Complaint, { id: parentId });
  if (!parent || parent.status === 'selesai' || parent.status === 'ditolak') return;
  await manager.update(
    Complaint,
    { id: parentId },
    { status: 'selesai', closedAt: new Date(), dueAt: null, slaClock: null, overdue: false },
  );
  await manager.insert(ComplaintEvent, {
    complaintId: parentId,
    type: 'closed',
    actorSub: 'system',
    actorRole: 'system',
    actorUnit: null,
    fromStatus: parent.status,
    toStatus: 'selesai',
    reason: 'The household is on the prelist and its emergency handling is done',
    data: {},
    requestId: null,
  });
}
