import { OPEN_STATUSES, TICKET_STATUSES, TicketStatus } from './ticket-status';

/**
 * Who takes a step: `reviewer` is Diskominfo (for Inspektorat complaints, which Diskominfo may not
 * see, an admin); `holder` is staff of the unit the ticket is assigned to now; `submitter` is the
 * operator (or JAKI) who entered it; `system` is the service itself (routing, deadlines, closing);
 * `bystander` is other staff who may read the ticket (a unit that held it, a region office of its
 * area), who may only write an internal note on it; `reporter` is the
 * citizen who complained, through the link in their notices (docs/notifications.md).
 */
export type ActorKind = 'reviewer' | 'holder' | 'submitter' | 'system' | 'bystander' | 'reporter';

export interface Transition {
  /** The statuses the step starts from; `new` for a step that creates the ticket. */
  from: readonly TicketStatus[] | 'new';
  /** The status it ends in; `unchanged` for a step that records without moving the ticket. */
  to: TicketStatus | 'unchanged';
  by: readonly ActorKind[];
}

const OPEN = OPEN_STATUSES;

/**
 * The one table of every step a ticket can take — people's and the service's own. A step not
 * allowed here is refused (409 from the wrong status, 403 by the wrong actor), whoever asks.
 */
export const TRANSITIONS = {
  // Intake: a new complaint waits for Diskominfo, or goes at once to the unit the operator named.
  receive: { from: 'new', to: 'menunggu', by: ['submitter'] },
  assign: { from: ['menunggu'], to: 'disposisi', by: ['submitter'] },
  // Routing: a geo-tagged JAKI complaint goes onto its kelurahan's account; anything else is
  // placed (kelurahan, suggested unit, duplicates) where it stands.
  route: { from: ['menunggu'], to: 'disposisi', by: ['system'] },
  place: { from: OPEN, to: 'unchanged', by: ['system'] },
  // Handling (docs/lifecycle.md).
  dispose: {
    from: ['menunggu', 'disposisi', 'proses', 'tl_ditolak'],
    to: 'disposisi',
    by: ['reviewer', 'holder'],
  },
  // A unit's third re-route in a row sends the ticket back to Diskominfo instead.
  'return-to-review': {
    from: ['disposisi', 'proses', 'tl_ditolak'],
    to: 'menunggu',
    by: ['holder'],
  },
  accept: { from: ['disposisi'], to: 'proses', by: ['holder'] },
  'follow-up': { from: ['proses', 'tl_ditolak'], to: 'menunggu_validasi', by: ['holder'] },
  approve: { from: ['menunggu_validasi'], to: 'selesai', by: ['reviewer'] },
  'reject-follow-up': { from: ['menunggu_validasi'], to: 'tl_ditolak', by: ['reviewer'] },
  reject: { from: OPEN, to: 'ditolak', by: ['reviewer'] },
  reopen: { from: ['selesai'], to: 'proses', by: ['reviewer'] },
  // The reporter answers: disputes the closing (back to the unit that closed it, whose follow-up
  // it rejects), or rates the handling once it is over.
  dispute: { from: ['selesai'], to: 'tl_ditolak', by: ['reporter'] },
  rate: { from: ['selesai', 'ditolak'], to: 'unchanged', by: ['reporter'] },
  // The desk (docs/desk.md): an internal note by whoever works on it or supervises it; the
  // category and the priority are Diskominfo's to judge, the staff member the unit's to name.
  note: { from: TICKET_STATUSES, to: 'unchanged', by: ['reviewer', 'holder', 'bystander'] },
  recategorise: { from: OPEN, to: 'unchanged', by: ['reviewer'] },
  prioritise: { from: OPEN, to: 'unchanged', by: ['reviewer'] },
  'set-assignee': { from: OPEN, to: 'unchanged', by: ['holder'] },
  // Evidence (docs/evidence.md): photos and documents, by who entered it, reviews or holds it.
  attach: { from: OPEN, to: 'unchanged', by: ['reviewer', 'holder', 'submitter'] },
  // Diskominfo publishes a follow-up's photo (blurred where needed) or withdraws it, before or
  // after validating the follow-up: the public timeline shows it once the follow-up is validated.
  'publish-evidence': { from: TICKET_STATUSES, to: 'unchanged', by: ['reviewer'] },
  'withdraw-evidence': { from: TICKET_STATUSES, to: 'unchanged', by: ['reviewer'] },
  // Deadlines: a missed one is recorded and escalated; the ticket stays where it is.
  escalate: { from: OPEN, to: 'unchanged', by: ['system'] },
  // The poverty path (docs/registry.md).
  'check-registry': { from: OPEN, to: 'unchanged', by: ['reviewer'] },
  'receive-application': { from: OPEN, to: 'unchanged', by: ['reviewer', 'submitter'] },
  triage: { from: OPEN, to: 'unchanged', by: ['reviewer'] },
  'open-emergency': { from: 'new', to: 'disposisi', by: ['reviewer'] },
  // A household member without a NIK: Disdukcapil registers them alongside the prelist.
  'open-registration': { from: 'new', to: 'disposisi', by: ['reviewer'] },
  // A not-in-database complaint closes by itself once its household is prelisted and its
  // emergency handling is done, from wherever it stood (it needs no unit's follow-up).
  'close-prelisted': { from: OPEN, to: 'selesai', by: ['system'] },
  // The household's prelist moves on after the complaint closed too (verified, deliberated,
  // sent, decided): recorded on the ticket, so that its reporter is told.
  'note-prelist-stage': { from: TICKET_STATUSES, to: 'unchanged', by: ['system'] },
} as const satisfies Record<string, Transition>;

export type Action = keyof typeof TRANSITIONS;

/** Why a step is refused, if it is: the wrong actor, or the wrong status. */
export function refusal(
  action: Action,
  status: TicketStatus | 'new',
  actor: ActorKind,
): 'actor' | 'status' | null {
  const transition: Transition = TRANSITIONS[action];
  if (!transition.by.includes(actor)) return 'actor';
  const allowed =
    transition.from === 'new' ? status === 'new' : transition.from.includes(status as TicketStatus);
  return allowed ? null : 'status';
}

/** Unit re-routes in a row after which the ticket returns to Diskominfo's review, flagged. */
export const MAX_BOUNCES = 3;

/** A closed ticket may be reopened on the reporter's dispute within this many days. */
export const REOPEN_WINDOW_DAYS = 30;

/** The reporter may dispute a closing through their link within this many working days. */
export const DISPUTE_WINDOW_WORKING_DAYS = 10;

/** Why a unit hands a ticket on (the note explains). */
export const DISPOSITION_REASONS = [
  'wrong-area',
  'wrong-function',
  'needs-other-agency',
  'review',
  'other',
] as const;
export type DispositionReason = (typeof DISPOSITION_REASONS)[number];
