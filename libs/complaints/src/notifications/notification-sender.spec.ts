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
});
