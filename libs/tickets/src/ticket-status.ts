/** Jakarta CRM's ticket statuses, as its officers name them (docs/api.md, "Handling"). */
export const TICKET_STATUSES = [
  'menunggu',
  'disposisi',
  'proses',
  'menunggu_validasi',
  'tl_ditolak',
  'selesai',
  'ditolak',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Closed: no clock runs and no step but a reopening applies. */
export const CLOSED_STATUSES: readonly TicketStatus[] = ['selesai', 'ditolak'];
/** Every status a ticket may be worked on in. */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (status) => !CLOSED_STATUSES.includes(status),
);

export const isClosed = (status: TicketStatus): boolean => CLOSED_STATUSES.includes(status);

/** How the ticket's kelurahan was found. */
export const LOCATION_METHODS = [
  'contains',
  'nearest',
  'kelurahan-code',
  'receiving-office',
  'address',
] as const;
export type LocationMethod = (typeof LOCATION_METHODS)[number];

/** Complaints about officials' conduct: only the Inspektorat and admins may see them at all. */
export const RESTRICTED_CHANNEL = 'inspektorat';
/** The unit that handles the restricted channel's complaints. */
export const INSPEKTORAT_UNIT = 'inspektorat';
/** JAKI's own channel: its complaints are pushed, never entered by an operator. */
export const JAKI_CHANNEL = 'jaki';
/** The category of complaints about officials' conduct: the Inspektorat's, never a kelurahan's. */
export const CONDUCT_OF_OFFICIALS = 'perilaku-aparatur';

/** How urgent a ticket is, as Diskominfo judges it (the desk); new tickets are `biasa`. */
export const TICKET_PRIORITIES = ['biasa', 'tinggi', 'darurat'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
