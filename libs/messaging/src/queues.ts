import type { AdvancedSettings, JobOptions } from 'bull';

export const ROUTING_QUEUE = 'routing';
export const SLA_QUEUE = 'sla';
export const NOTIFICATIONS_QUEUE = 'notifications';
export const QUEUES = [ROUTING_QUEUE, SLA_QUEUE, NOTIFICATIONS_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

/** The PostgreSQL channel on which a committed outbox row wakes the relay. */
export const OUTBOX_CHANNEL = 'crm_outbox';

const FIRST_RETRY_MS = 1_000;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of 1 s × 2^(n−1).
 * When a receiver comes back after an outage, the notices that waited for it do not all arrive
 * in the same second.
 */
export const QUEUE_SETTINGS: Partial<AdvancedSettings> = {
  backoffStrategies: {
    jittered: (attemptsMade: number) =>
      Math.round(FIRST_RETRY_MS * 2 ** (attemptsMade - 1) * (0.5 + Math.random() / 2)),
  },
};

/**
 * Retries with jittered exponential backoff (QUEUE_SETTINGS: up to 1 s, 2 s, 4 s … about
 * 4 minutes in all); completed jobs are kept a day so that a relay repeating itself finds the
 * job id taken and adds nothing.
 */
export const JOB_OPTIONS: JobOptions = {
  attempts: 8,
  backoff: { type: 'jittered' },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
