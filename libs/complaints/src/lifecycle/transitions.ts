import { ComplaintStatus } from '../tickets/complaint-status';

/** What people can do to a ticket (api.md, "Handling"). */
export type Action =
  'dispose' | 'accept' | 'follow-up' | 'approve' | 'reject-follow-up' | 'reject' | 'reopen';

/**
 * Who acts: `reviewer` is Diskominfo (for Inspektorat complaints, which Diskominfo may not see,
 * an admin); `holder` is staff of the unit the ticket is assigned to now.
 */
export type Actor = 'reviewer' | 'holder';

export interface Transition {
  from: readonly ComplaintStatus[];
  to: ComplaintStatus;
  by: readonly Actor[];
}

/** The one table of allowed transitions. Anything not listed is refused with 409. */
export const TRANSITIONS: Record<Action, Transition> = {
  dispose: {
    from: ['menunggu', 'disposisi', 'proses', 'tl_ditolak'],
    to: 'disposisi',
    by: ['reviewer', 'holder'],
  },
  accept: { from: ['disposisi'], to: 'proses', by: ['holder'] },
  'follow-up': { from: ['proses', 'tl_ditolak'], to: 'menunggu_validasi', by: ['holder'] },
  approve: { from: ['menunggu_validasi'], to: 'selesai', by: ['reviewer'] },
  'reject-follow-up': { from: ['menunggu_validasi'], to: 'tl_ditolak', by: ['reviewer'] },
  reject: {
    from: ['menunggu', 'disposisi', 'proses', 'tl_ditolak', 'menunggu_validasi'],
    to: 'ditolak',
    by: ['reviewer'],
  },
  reopen: { from: ['selesai'], to: 'proses', by: ['reviewer'] },
};

/** Unit re-routes in a row after which the ticket returns to Diskominfo's review, flagged. */
export const MAX_BOUNCES = 3;

/** A closed ticket may be reopened on the reporter's dispute within this many days. */
export const REOPEN_WINDOW_DAYS = 30;

/** Why a unit hands a ticket on (the note explains). */
export const DISPOSITION_REASONS = [
  'wrong-area',
  'wrong-function',
  'needs-other-agency',
  'review',
  'other',
] as const;
export type DispositionReason = (typeof DISPOSITION_REASONS)[number];
