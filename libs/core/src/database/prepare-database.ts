import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { withLockTimeout } from './migration-steps';

/** A step that brings data to a known state after the migrations; it must be idempotent. */
export type Seeder = (dataSource: DataSource) => Promise<void>;

// Any fixed 64-bit number works; all instances of this service must use the same one.
const SCHEMA_LOCK_KEY = 3_171_000_001;
const LOCK_POLL_MS = 200;
/**
 * How long a migration's statement may wait for a table's lock. Intake's writes queue behind a
 * waiting ALTER TABLE, so the migration gives up first — well before PostgreSQL's deadlock check
 * (1 s) would pick a victim that may be a complaint — and tries again a moment later.
 */
export const MIGRATION_LOCK_TIMEOUT_MS = 500;
const MIGRATION_ATTEMPTS = 40;
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK = '40P01';

/**
 * Runs pending migrations, then the seeders, while holding a PostgreSQL advisory lock, so that
 * two instances starting together (api and worker, or several replicas) never race: the second
 * waits, then finds nothing left to do.
 */
export async function prepareDatabase(
  dataSource: DataSource,
  seeders: Seeder[],
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    // Asked for again and again rather than waited on: a statement waiting for the lock would
    // hold a snapshot, and an index built CONCURRENTLY by the instance migrating waits for every
    // such snapshot to end — the two would wait for each other.
    while (
      !(
        (await lockHolder.query('SELECT pg_try_advisory_lock($1) AS locked', [
          SCHEMA_LOCK_KEY,
        ])) as { locked: boolean }[]
      )[0].locked
    ) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    const applied = await runMigrationsPolitely(dataSource, log);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    for (const seed of seeders) await seed(dataSource);
  } finally {
    await lockHolder
      .query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY])
      .catch(() => undefined);
    await lockHolder.release();
  }
}

/** Opens a short-lived connection, prepares the database and closes it again. */
export async function prepareDatabaseAt(
  url: string,
  seeders: Seeder[],
  log?: (message: string) => void,
): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await prepareDatabase(dataSource, seeders, log);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Runs the pending migrations, each in its own transaction (or none, when it builds indexes
 * CONCURRENTLY), with MIGRATION_LOCK_TIMEOUT_MS on every lock it waits for. A migration that
 * timed out or deadlocked was rolled back whole (or, outside a transaction, stopped at a step
 * that can run again); it is tried again after a pause that grows, while the service's writes go
 * on.
 */
async function runMigrationsPolitely(
  dataSource: DataSource,
  log: (message: string) => void,
): Promise<string[]> {
  for (const migration of dataSource.migrations) boundLockWaits(migration);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== LOCK_NOT_AVAILABLE && code !== DEADLOCK) || attempt >= MIGRATION_ATTEMPTS) {
        throw error;
      }
      const pauseMs = Math.min(5_000, 250 * attempt) * (0.5 + Math.random());
      log(
        `A migration gave way to the service's writes (${code === DEADLOCK ? 'deadlock' : 'lock wait'}); trying again in ${Math.round(pauseMs)} ms (attempt ${attempt})`,
      );
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

const BOUNDED = Symbol('lockWaitsBounded');

/**
 * Every migration's statements wait at most MIGRATION_LOCK_TIMEOUT_MS for a lock: a transactional
 * one sets it for its own transaction; one outside a transaction (it builds indexes CONCURRENTLY)
 * sets it on the connection while it runs and puts back what was there, as the connection may be
 * the service's own. Its steps can all run again, so a timeout retries it whole.
 */
function boundLockWaits(
  migration: MigrationInterface & { transaction?: boolean; [BOUNDED]?: true },
): void {
  if (migration[BOUNDED]) return;
  const up = migration.up.bind(migration);
  migration.up =
    migration.transaction === false
      ? (queryRunner: QueryRunner) =>
          withLockTimeout(queryRunner, `${MIGRATION_LOCK_TIMEOUT_MS}ms`, () => up(queryRunner))
      : async (queryRunner: QueryRunner) => {
          await queryRunner.query(`SET LOCAL lock_timeout = ${MIGRATION_LOCK_TIMEOUT_MS}`);
          await up(queryRunner);
        };
  migration[BOUNDED] = true;
}
