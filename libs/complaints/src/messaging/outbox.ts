import { EntityManager } from 'typeorm';
import type { JsonObject } from '../tickets/json';
import { OUTBOX_CHANNEL, QueueName } from './queues';

/**
 * Records a job inside the caller's transaction and wakes the relay when it commits
 * (NOTIFY is delivered on commit and dropped on rollback).
 */
export async function addToOutbox(
  manager: EntityManager,
  message: { queue: QueueName; jobName: string; jobId: string; payload: JsonObject },
): Promise<void> {
  await manager.query(
    `INSERT INTO outbox_messages (queue, job_name, job_id, payload) VALUES ($1, $2, $3, $4);`,
    [message.queue, message.jobName, message.jobId, JSON.stringify(message.payload)],
  );
  await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, message.queue]);
}
