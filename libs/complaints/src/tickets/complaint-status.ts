/** Jakarta CRM's ticket statuses (api.md, "Handling"). */
export const COMPLAINT_STATUSES = [
  'menunggu',
  'disposisi',
  'proses',
  'menunggu_validasi',
  'tl_ditolak',
  'selesai',
  'ditolak',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** How the ticket's kelurahan was found. */
export const LOCATION_METHODS = [
  'contains',
  'nearest',
  'kelurahan-code',
  'receiving-office',
  'address',
] as const;
export type LocationMethod = (typeof LOCATION_METHODS)[number];
