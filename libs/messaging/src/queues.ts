import type { JobOptions } from 'bull';

export const ROUTING_QUEUE = 'routing';
export const SLA_QUEUE = 'sla';
export const NOTIFICATIONS_QUEUE = 'notifications';
export const QUEUES = [ROUTING_QUEUE, SLA_QUEUE, NOTIFICATIONS_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

/** The PostgreSQL channel on which a committed outbox row wakes the relay. */
export const OUTBOX_CHANNEL = 'crm_outbox';

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s … about 4 minutes in all); completed jobs are
 * kept a day so that a relay repeating itself finds the job id taken and adds nothing.
 */
export const JOB_OPTIONS: JobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
