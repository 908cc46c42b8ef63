import { NOTIFICATIONS_QUEUE, ROUTING_QUEUE } from '@crm/messaging';
import type { TicketEventType } from './ticket-events';

/** A job an event causes, through the outbox: `{event}` and `{ticket}` in its id are filled in. */
export interface Subscriber {
  queue: string;
  job: string;
  jobId: string;
}

const NOTICES: Subscriber = { queue: NOTIFICATIONS_QUEUE, job: 'event', jobId: 'notices:{event}' };

/**
 * Which jobs each kind of event starts. The ticket store writes one outbox row per event and
 * subscriber in the same statement as the event, so a side effect is never lost and never
 * happens for a change that did not commit; a feature that reacts to events adds itself here.
 */
export const SUBSCRIBERS: Partial<Record<TicketEventType, readonly Subscriber[]>> = {
  // A received complaint is placed: its kelurahan, its unit or Diskominfo's review.
  received: [{ queue: ROUTING_QUEUE, job: 'route', jobId: 'route:{ticket}' }],
  // The reporter's notices (received at first placement, placed, done, rejected, reopened) and
  // the notices to units.
  routed: [NOTICES],
  'held-for-review': [NOTICES],
  located: [NOTICES],
  assigned: [NOTICES],
  disposition: [NOTICES],
  reopened: [NOTICES],
  disputed: [NOTICES],
  approved: [NOTICES],
  rejected: [NOTICES],
  closed: [NOTICES],
  'prelist-stage': [NOTICES],
  overdue: [NOTICES],
  'emergency-opened': [NOTICES],
  'registration-opened': [NOTICES],
};
