// TypeORM loads entities by glob with Node's own require, outside Jest's module map.
import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareDatabaseAt } from '../../libs/core/src/database/prepare-database';
import { startEmbeddedPostgres } from '../../libs/core/src/infra/embedded-postgres';
import { startEmbeddedRedis } from '../../libs/core/src/infra/embedded-redis';
import { LocalService } from '../../libs/core/src/infra/local-service';
import { seedReferenceData } from '../../libs/reference/src/seed/seed-reference-data';
import { createScratchDatabase } from '../../tools/scratch-database';

/**
 * Real PostgreSQL and Redis for the tests: the ones DATABASE_URL and REDIS_URL name (CI), or else
 * an embedded PostgreSQL and a redis-server started here in a temporary folder. Each run gets its
 * own freshly migrated and seeded database and its own queue prefix, so runs never meet.
 */
export default async function globalSetup(): Promise<void> {
  const say = (message: string) => process.stderr.write(`[test setup] ${message}\n`);
  const started: LocalService[] = [];
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  // PostgreSQL may run as the `postgres` user (when tests run as root): it must reach its folder.
  chmodSync(scratchDir, 0o755);
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(path.join(scratchDir, 'postgres'), 'crm', say);
    started.push(pg);
    process.env.DATABASE_URL = pg.url;
  }
  if (!process.env.REDIS_URL) {
    const redis = await startEmbeddedRedis(path.join(scratchDir, 'redis'), say, {
      persistent: false,
    });
    started.push(redis);
    process.env.REDIS_URL = redis.url;
  }
  const database = await createScratchDatabase(process.env.DATABASE_URL, 'crm_test');
  await prepareDatabaseAt(database.url, [seedReferenceData]);

  process.env.TEST_SERVER_DATABASE_URL = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATA_DIR: scratchDir,
    QUEUE_PREFIX: `crm-test-${randomBytes(4).toString('hex')}`,
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    JAKI_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    THROTTLE_LIMIT: '100000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The suites' webhook receivers listen on 127.0.0.1, and any API of the run may deliver any
    // suite's notices (they share the database and the queues): every one of them must be allowed
    // to reach them. A suite that tests the refusal starts an API of its own without a worker.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  });
  (globalThis as { crmTestTeardown?: () => Promise<void> }).crmTestTeardown = async () => {
    await database.drop();
    for (const service of started.reverse()) await service.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
