import type { Complaint, Placement } from '@crm/tickets';
import { CONDUCT_OF_OFFICIALS, JAKI_CHANNEL } from '@crm/tickets';

/** What routing found out about a new ticket before placing it. */
export interface PlacementFacts {
  /** Where the ticket's point lies, when it has a point and no kelurahan yet. */
  located:
    | {
        kelurahanCode: string;
        method: 'contains' | 'nearest';
        distanceMeters: number;
        alsoContainedBy: string[];
      }
    | 'nowhere'
    | null;
  /** What its address says, when it has an address and neither a kelurahan nor a point. */
  address: { kelurahanCode: string } | { reason: string } | null;
  /**
   * The unit its category belongs to (the programme owner, or its Suku Dinas in the ticket's kota
   * where the category says so), if it has a category.
   */
  categoryOwner: string | null;
  possibleDuplicates: Complaint['possibleDuplicates'];
}

/**
 * Where a new ticket belongs (flows 1 and 2): the kelurahan from its point, the office that
 * received it or its address; a geo-tagged JAKI complaint goes straight to that kelurahan's
 * office; anything else waits for Diskominfo with a suggested unit and the reason. A pure
 * function of the ticket and the facts routing gathered (routing.processor.ts).
 */
export function firstPlacement(
  ticket: Pick<
    Complaint,
    'status' | 'channelCode' | 'categoryCode' | 'kelurahanCode' | 'lat' | 'lon' | 'locationMethod'
  >,
  facts: PlacementFacts,
): Placement {
  const placement: Placement = {
    kelurahanCode: ticket.kelurahanCode,
    locationMethod: ticket.locationMethod,
    locationDistanceMeters: null,
    locationAlternatives: [],
    assignTo: null,
    suggestedUnitCode: null,
    reviewReason: null,
    possibleDuplicates: facts.possibleDuplicates,
  };
  let unplaced: string | null = null;
  if (facts.located === 'nowhere') {
    unplaced =
      ticket.lat === 0 && ticket.lon === 0
        ? 'The point is (0, 0): the device sent no position'
        : 'The point lies in no kelurahan of DKI Jakarta and none is within tolerance (outside Jakarta or at sea)';
  } else if (facts.located) {
    Object.assign(placement, {
      kelurahanCode: facts.located.kelurahanCode,
      locationMethod: facts.located.method,
      locationDistanceMeters: facts.located.distanceMeters,
      locationAlternatives: facts.located.alsoContainedBy,
    });
  } else if (facts.address && 'kelurahanCode' in facts.address) {
    Object.assign(placement, {
      kelurahanCode: facts.address.kelurahanCode,
      locationMethod: 'address',
    });
  } else if (facts.address) {
    unplaced = `No kelurahan from the address: ${facts.address.reason}`;
  }

  if (ticket.status !== 'menunggu') return placement;
  // A complaint about officials must never land at the office it may be about, with the
  // reporter's name and phone: it waits for Diskominfo, which forwards it to the Inspektorat.
  if (ticket.categoryCode === CONDUCT_OF_OFFICIALS) {
    unplaced =
      'A complaint about officials’ conduct: forward it to the Inspektorat, never to the office concerned';
  }
  const geoTagged =
    placement.locationMethod === 'contains' || placement.locationMethod === 'nearest';
  if (ticket.channelCode === JAKI_CHANNEL && geoTagged && !unplaced) {
    // Flow 1: a geo-tagged complaint goes straight onto the kelurahan's account.
    placement.assignTo = placement.kelurahanCode;
    return placement;
  }
  placement.suggestedUnitCode = facts.categoryOwner ?? placement.kelurahanCode;
  placement.reviewReason =
    unplaced ??
    (ticket.channelCode === JAKI_CHANNEL
      ? 'Awaiting review'
      : 'Entered without a unit: awaiting Diskominfo review and forwarding');
  return placement;
}
