import { EntityManager } from 'typeorm';
import { Complaint } from '../tickets/complaint.entity';
import { SlaOutcome } from './sla-outcome.entity';

type ClockState = Pick<
  Complaint,
  'id' | 'status' | 'assignedUnitCode' | 'slaClock' | 'dueAt' | 'overdue' | 'clockPausedAt'
>;

/** Whom the running clock binds: Diskominfo while the ticket waits for it, else the holder. */
export function clockHolder(ticket: Pick<Complaint, 'status' | 'assignedUnitCode'>): string | null {
  const reviewing = ticket.status === 'menunggu' || ticket.status === 'menunggu_validasi';
  return reviewing ? 'diskominfo' : ticket.assignedUnitCode;
}

/**
 * Records whether the clock `ticket` carried was met, when a step at `at` stops it. A clock the
 * sweep already found missed (overdue) was recorded then; a paused clock binds nobody.
 */
export async function recordClockStopped(
  manager: EntityManager,
  ticket: ClockState,
  at: Date,
): Promise<void> {
  if (!ticket.slaClock || !ticket.dueAt || ticket.overdue || ticket.clockPausedAt) return;
  await recordOutcome(manager, ticket, at, at <= ticket.dueAt);
}

/** Records one decided deadline of `ticket`'s running clock. */
export async function recordOutcome(
  manager: EntityManager,
  ticket: ClockState,
  at: Date,
  met: boolean,
): Promise<void> {
  const unitCode = clockHolder(ticket);
  if (!unitCode || !ticket.slaClock || !ticket.dueAt) return;
  await manager.insert(SlaOutcome, {
    complaintId: ticket.id,
    unitCode,
    clock: ticket.slaClock,
    dueAt: ticket.dueAt,
    decidedAt: at,
    met,
  });
}
