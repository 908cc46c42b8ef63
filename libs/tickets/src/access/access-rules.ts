import type { Principal } from '@crm/core';
import type { Complaint } from '../complaint.entity';
import { INSPEKTORAT_UNIT, JAKI_CHANNEL, RESTRICTED_CHANNEL } from '../ticket-status';
import type { ActorKind } from '../transitions';

type Viewer = Pick<Principal, 'role' | 'unit' | 'sub'>;

/**
 * Who may read a ticket (docs/api.md, "Authentication and roles") — `if-held-before` for a unit
 * that does not hold it now: it may if it once held it or had a deadline escalated to it (the
 * history answers that; TicketAccess asks it).
 */
export function readAccess(
  ticket: Pick<Complaint, 'channelCode' | 'createdBy' | 'assignedUnitCode' | 'escalatedToUnitCode'>,
  viewer: Viewer,
): 'yes' | 'no' | 'if-held-before' {
  if (viewer.role === 'admin') return 'yes';
  if (ticket.channelCode === RESTRICTED_CHANNEL) {
    return viewer.role === 'unit' && viewer.unit === INSPEKTORAT_UNIT ? 'yes' : 'no';
  }
  switch (viewer.role) {
    case 'diskominfo':
      return 'yes';
    case 'operator':
      // JAKI's pushes are recorded as created by `jaki`: never an operator's, whatever its sub.
      return ticket.createdBy === viewer.sub && ticket.channelCode !== JAKI_CHANNEL ? 'yes' : 'no';
    case 'unit':
      return ticket.assignedUnitCode === viewer.unit || ticket.escalatedToUnitCode === viewer.unit
        ? 'yes'
        : 'if-held-before';
    default:
      return 'no';
  }
}

/** What the caller is on a ticket, for the transition table's `by`. */
export function actorKind(
  ticket: Pick<Complaint, 'channelCode' | 'assignedUnitCode' | 'createdBy'>,
  viewer: Viewer,
): ActorKind {
  const reviewer = ticket.channelCode === RESTRICTED_CHANNEL ? 'admin' : 'diskominfo';
  if (viewer.role === reviewer) return 'reviewer';
  if (viewer.role === 'unit' && viewer.unit === ticket.assignedUnitCode) return 'holder';
  if (viewer.role === 'operator' && viewer.sub === ticket.createdBy) return 'submitter';
  return 'bystander';
}

/**
 * Whether the caller may be told which other tickets resemble this one (possible duplicates,
 * a linked duplicate): only who may read every ticket of its kind — an admin, Diskominfo (all
 * but Inspektorat complaints) and the Inspektorat for its own. To anyone else the hint would be
 * an oracle: enter a probe complaint with someone's NIK or phone, read back their tracking number.
 */
export function seesOtherTickets(
  ticket: Pick<Complaint, 'channelCode'>,
  viewer: Pick<Principal, 'role' | 'unit'>,
): boolean {
  if (viewer.role === 'admin') return true;
  if (ticket.channelCode === RESTRICTED_CHANNEL) {
    return viewer.role === 'unit' && viewer.unit === INSPEKTORAT_UNIT;
  }
  return viewer.role === 'diskominfo';
}
