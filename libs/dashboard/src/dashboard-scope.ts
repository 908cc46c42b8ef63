import type { Principal } from '@crm/core';
import { areaOf, TicketFilters } from '@crm/tickets';

const KELURAHAN_OFFICE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * The figures a caller may read: a unit's staff read what is theirs — a kota or kecamatan office
 * its area, a kelurahan its own, an agency (or any other unit) the tickets it holds — whatever
 * region or unit the query names (the scope replaces it). Every other role reads all.
 */
export function ownFigures<Q extends TicketFilters>(query: Q, principal: Principal): Q {
  if (principal.role !== 'unit') return query;
  const area = areaOf(principal);
  if (area) {
    const level = area.split('.').length === 2 ? 'kota' : 'kecamatan';
    return { ...query, kota: undefined, kecamatan: undefined, kelurahan: undefined, [level]: area };
  }
  if (KELURAHAN_OFFICE.test(principal.unit)) {
    return { ...query, kota: undefined, kecamatan: undefined, kelurahan: principal.unit };
  }
  return { ...query, unit: principal.unit };
}
