import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from './support/test-api';
import { eventually, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { RedisProcess } from './support/redis-process';
import { prepareDatabaseAt } from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { createScratchDatabase } from '../tools/scratch-database';

describe('intake with Redis down', () => {
  let redis: RedisProcess;
  let api: TestApi;
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    // A database of its own: other suites' workers would otherwise relay this suite's outbox
    // into their own Redis and route its tickets while this one's Redis is down.
    database = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_outage');
    await prepareDatabaseAt(database.url, [seedReferenceData]);
    redis = await RedisProcess.start();
    api = await startTestApi({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `crm-outage-${randomBytes(3).toString('hex')}`,
    });
  });
  afterAll(async () => {
    if (!redis.running) await redis.start();
    await api.close();
    await redis.kill();
    await database.drop();
  });

  it('answers 201 while Redis is down, and routes the ticket once Redis is back', async () => {
    await redis.kill();

    const accepted = await Promise.all(Array.from({ length: 5 }, () => postJaki(api, jakiPush())));
    for (const res of accepted) expect(res.status).toBe(201);
    const health = await api.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');

    // Nothing can be routed meanwhile, and nothing is lost: the work waits in the outbox.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const db = api.app.get(DataSource);
    const ids = accepted.map((res) => res.body.id as string);
    const pending: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM complaints WHERE id = ANY($1) AND routed_at IS NULL`,
      [ids],
    );
    expect(pending[0].n).toBe(5);

    await redis.start();
    for (const id of ids) {
      const routed = await waitForTicket(api, id, (t) => t.status === 'disposisi', 40_000);
      expect(routed.kelurahan).toMatchObject({ code: '31.71.01.1001' });
    }
    // The health check's own connection reconnects on ioredis's back-off (up to 2 s apart), so it
    // may see Redis back a moment after the queues do.
    const recovered = await eventually(
      async () => (await api.http().get('/health')).body.status as string,
      (status) => status === 'ok',
      10_000,
    );
    expect(recovered).toBe('ok');
    const events: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = ANY($1) AND type = 'routed'`,
      [ids],
    );
    expect(events[0].n).toBe(5);
  }, 90_000);
});
