import { Principal } from '@crm/core';
import { ScopedQuery } from '@crm/tickets';

/**
 * The prelist households a list may show the caller, as SQL over `e` (prelist_entries): every
 * list of them starts here. Diskominfo and verifiers see the city's (a verifier's tasks are
 * narrowed by status and agency in the list itself); a kelurahan's staff, preparing its
 * Musyawarah, see their own kelurahan's households only.
 */
export function prelistScope(principal: Principal): ScopedQuery | null {
  switch (principal.role) {
    case 'diskominfo':
    case 'verifier':
      return ScopedQuery.within({ sql: 'TRUE', params: [] });
    case 'unit':
      return ScopedQuery.within({ sql: 'e.kelurahan_code = $1', params: [principal.unit] });
    default:
      return null;
  }
}
