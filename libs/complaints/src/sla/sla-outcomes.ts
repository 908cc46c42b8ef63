import { EntityManager } from 'typeorm';
import { INSPEKTORAT_UNIT, RESTRICTED_CHANNEL } from '../read/complaint-access';
import { Complaint } from '../tickets/complaint.entity';
import { SlaOutcome } from './sla-outcome.entity';

type ClockState = Pick<
  Complaint,
  | 'id'
  | 'status'
  | 'channelCode'
  | 'assignedUnitCode'
  | 'slaClock'
  | 'dueAt'
  | 'overdue'
  | 'clockPausedAt'
>;

/**
 * Whom the running clock binds: the reviewer while the ticket waits for review, else the holder.
 * Diskominfo reviews, except Inspektorat complaints, which it may not even read: those stay the
 * Inspektorat's (an admin acts as their reviewer).
 */
export function clockHolder(
  ticket: Pick<Complaint, 'status' | 'channelCode' | 'assignedUnitCode'>,
): string | null {
  const reviewing = ticket.status === 'menunggu' || ticket.status === 'menunggu_validasi';
  if (!reviewing) return ticket.assignedUnitCode;
  return ticket.channelCode === RESTRICTED_CHANNEL ? INSPEKTORAT_UNIT : 'diskominfo';
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
  // A deadline already decided keeps its first decision.
  await manager
    .createQueryBuilder()
    .insert()
    .into(SlaOutcome)
    .values({
      complaintId: ticket.id,
      unitCode,
      clock: ticket.slaClock,
      dueAt: ticket.dueAt,
      decidedAt: at,
      met,
    })
    .orIgnore()
    .execute();
}
