import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** A step that brings data to a known state after the migrations; it must be idempotent. */
export type Seeder = (dataSource: DataSource) => Promise<void>;

// Any fixed 64-bit number works; all instances of this service must use the same one.
const SCHEMA_LOCK_KEY = 3_171_000_001;
const LOCK_POLL_MS = 200;

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
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
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
