import type { Job } from 'bull';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@crm/core';
import type { ReferenceCache } from '@crm/reference';
import type { DeadLetters } from '@crm/messaging';
import type { OutboxSignal } from '@crm/messaging';
import { ReporterSender } from './delivery/reporter-sender';
import { NotificationSender } from './notification-sender';
import type { ReporterLinks } from './reporter/reporter-links';

const config = (allowPrivate: boolean) => ({ webhooks: { allowPrivate } }) as AppConfig;

/** The sender as the module builds it, on the given database. */
function senderOn(
  dataSource: DataSource,
  reference: ReferenceCache,
  deadLetters: DeadLetters,
  allowPrivate: boolean,
): NotificationSender {
  const outbox = { wake: () => undefined } as unknown as OutboxSignal;
  const reporter = new ReporterSender(
    dataSource,
    config(allowPrivate),
    {} as never,
    {} as ReporterLinks,
    outbox,
  );
  return new NotificationSender(dataSource, reference, deadLetters, config(allowPrivate), reporter);
}

describe('NotificationSender.failed', () => {
  // Found by the fault suite: with PostgreSQL restarting, noting a failed delivery rejected, Bull
  // does not await the handler, and the unhandled rejection ended the worker.
  it('survives a database that cannot be reached while it notes a failure', async () => {
    const unreachable = {
      query: () => Promise.reject(new Error('the database system is shutting down')),
    } as unknown as DataSource;
    const deadLetters = { recordIfFinal: () => Promise.resolve() } as unknown as DeadLetters;
    const sender = senderOn(unreachable, {} as ReferenceCache, deadLetters, false);
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
    const sender = senderOn(recovering, {} as ReferenceCache, deadLetters, false);
    const last = { data: { notificationId: '7' }, attemptsMade: 8, opts: { attempts: 8 } } as Job<{
      notificationId: string;
    }>;
    await sender.failed(last, new Error('webhook down'));
    expect(calls).toEqual(Array(3).fill(['7', 'failed', 'webhook down', 'notifications']));

    // Before the last attempt the job's own retry keeps the notice pending: one try is enough.
    calls.length = 0;
    const early = { ...last, attemptsMade: 2 } as typeof last;
    await sender.failed(early, new Error('webhook down'));
    expect(calls).toHaveLength(1);
  });
});

describe('NotificationSender.deliver', () => {
  const servers: Server[] = [];
  const hits: Record<string, IncomingMessage[]> = {};

  /** A local receiver answering with `answer`; returns its base URL. */
  async function receiver(
    name: string,
    answer: (res: ServerResponse) => void,
    host = '127.0.0.1',
  ): Promise<string> {
    hits[name] = [];
    const server = createServer((req, res) => {
      hits[name].push(req);
      req.resume();
      req.on('end', () => answer(res));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  /** Delivers one notice to a unit whose webhook is `url`; returns the statuses it noted. */
  async function deliver(url: string, allowPrivate: boolean): Promise<string[]> {
    const marked: string[] = [];
    const notice = {
      id: '41',
      kind: 'assignment',
      complaintId: '7d6f0c52-0000-4000-8000-000000000001',
      recipientUnitCode: '31.71.06.1005',
      message: 'Pengaduan didisposisikan kepada unit Anda.',
      createdAt: new Date(),
      status: 'pending',
    };
    const dataSource = {
      manager: { findOneBy: async () => notice },
      query: async (sql: string, params: unknown[]) => {
        if (sql.includes('SET status')) marked.push(String(params[1]));
        return [];
      },
    } as unknown as DataSource;
    const reference = {
      storedUnit: async () => ({ webhookUrl: url, webhookSecret: 's'.repeat(40) }),
    } as unknown as ReferenceCache;
    const sender = senderOn(dataSource, reference, {} as DeadLetters, allowPrivate);
    await sender.deliver({ data: { notificationId: '41' } } as Job<{ notificationId: string }>);
    return marked;
  }

  it('posts the notice where private addresses are allowed', async () => {
    const base = await receiver('ok', (res) => res.writeHead(204).end());
    await expect(deliver(`${base}/crm`, true)).resolves.toEqual(['delivered']);
    expect(hits.ok).toHaveLength(1);
  });

  it('never connects to a private address unless allowed, by number or by name', async () => {
    const base = await receiver('private', (res) => res.writeHead(204).end());
    const { port } = new URL(base);
    await expect(deliver(`${base}/crm`, false)).rejects.toThrow(
      /127\.0\.0\.1, a private or reserved address/,
    );
    // A name is checked as it is resolved for the connection: what DNS says at delivery counts.
    await expect(deliver(`http://localhost:${port}/crm`, false)).rejects.toThrow(
      /localhost resolves to .*a private or reserved address/,
    );
    expect(hits.private).toHaveLength(0);
  });

  it('follows no redirect: a 3xx is a failed delivery', async () => {
    const elsewhere = await receiver('elsewhere', (res) => res.writeHead(204).end());
    const base = await receiver('redirecting', (res) =>
      res.writeHead(307, { location: `${elsewhere}/internal` }).end(),
    );
    const failure = deliver(`${base}/crm?key=k-123`, true);
    await expect(failure).rejects.toThrow(/answered 307, a redirect, which is not followed/);
    expect(await failure.catch((error: Error) => error.message)).not.toContain('k-123');
    expect(hits.redirecting).toHaveLength(1);
    expect(hits.elsewhere).toHaveLength(0);
  });

  it('sends the URL’s credentials as Basic auth, and never names them', async () => {
    const base = await receiver('failing', (res) => res.writeHead(500).end());
    const failure = deliver(base.replace('http://', 'http://hook-user:hook-pass@'), true);
    await expect(failure).rejects.toThrow(/answered 500/);
    expect(await failure.catch((error: Error) => error.message)).not.toContain('hook-pass');
    expect(hits.failing[0].headers.authorization).toBe(
      `Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`,
    );
  });
});
