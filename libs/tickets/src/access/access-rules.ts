import type { Principal } from '@crm/core';
import type { Complaint } from '../complaint.entity';
import { INSPEKTORAT_UNIT, JAKI_CHANNEL, RESTRICTED_CHANNEL } from '../ticket-status';
import type { ActorKind } from '../transitions';

type Viewer = Pick<Principal, 'role' | 'unit' | 'sub'>;

/** A kota's or kecamatan's code (`31.71`, `31.71.01`): its office's unit has the same code. */
const REGION_OFFICE = /^\d{2}\.\d{2}(\.\d{2})?$/;

/**
 * The area a unit's staff read every ticket of: a kota or kecamatan office's own region (its
 * code); null for any other unit (a kelurahan holds its tickets itself; an agency has no area).
 */
export function areaOf(viewer: Pick<Principal, 'role' | 'unit'>): string | null {
  return viewer.role === 'unit' && REGION_OFFICE.test(viewer.unit) ? viewer.unit : null;
}

/**
 * Who may read a ticket (docs/api.md, "Authentication and roles") — `if-held-before` for a unit
 * that does not hold it now: it may if it once held it or had a deadline escalated to it (the
 * history answers that; TicketAccess asks it). A kota or kecamatan office reads every ticket in
 * its area besides (areaOf); it acts only on those it holds.
 */
export function readAccess(
  ticket: Pick<
    Complaint,
    'channelCode' | 'createdBy' | 'assignedUnitCode' | 'escalatedToUnitCode' | 'kelurahanCode'
  >,
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
    case 'unit': {
      if (ticket.assignedUnitCode === viewer.unit || ticket.escalatedToUnitCode === viewer.unit) {
        return 'yes';
      }
      const area = areaOf(viewer);
      return area && ticket.kelurahanCode?.startsWith(`${area}.`) ? 'yes' : 'if-held-before';
    }
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
