import type { Job } from 'bull';
import type { DataSource } from 'typeorm';
import type { ReferenceCache } from '@crm/reference';
import type { DeadLetters } from '../messaging/dead-letters';
import { NotificationSender } from './notification-sender';

describe('NotificationSender.failed', () => {
  // Found by the fault suite: with PostgreSQL restarting, noting a failed delivery rejected, Bull
  // does not await the handler, and the unhandled rejection ended the worker.
  it('survives a database that cannot be reached while it notes a failure', async () => {
    const unreachable = {
      query: () => Promise.reject(new Error('the database system is shutting down')),
    } as unknown as DataSource;
    const deadLetters = { recordIfFinal: () => Promise.resolve() } as unknown as DeadLetters;
    const sender = new NotificationSender(unreachable, {} as ReferenceCache, deadLetters);
    const job = { data: { notificationId: '1' }, attemptsMade: 1, opts: { attempts: 8 } } as Job<{
      notificationId: string;
    }>;
    await expect(sender.failed(job, new Error('webhook down'))).resolves.toBeUndefined();
  });

  it('marks a notice failed after its last attempt once the database is back', async () => {
    NotificationSender.noteRetryMs = 1;
    const calls: unknown[][] = [];
    const recovering = {
      query: (_sql: string, params: unknown[]) => {
        calls.push(params);
        return calls.length < 3
          ? Promise.reject(new Error('the database system is starting up'))
          : Promise.resolve([]);
      },
    } as unknown as DataSource;
    const deadLetters = { recordIfFinal: () => Promise.resolve() } as unknown as DeadLetters;
    const sender = new NotificationSender(recovering, {} as ReferenceCache, deadLetters);
    const last = { data: { notificationId: '7' }, attemptsMade: 8, opts: { attempts: 8 } } as Job<{
      notificationId: string;
    }>;
    await sender.failed(last, new Error('webhook down'));
    expect(calls).toEqual(Array(3).fill(['7', 'webhook down', true]));

    // Before the last attempt the job's own retry keeps the notice pending: one try is enough.
    calls.length = 0;
    const early = { ...last, attemptsMade: 2 } as typeof last;
    await sender.failed(early, new Error('webhook down'));
    expect(calls).toHaveLength(1);
  });
});
