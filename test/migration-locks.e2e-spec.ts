import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, MIGRATION_LOCK_TIMEOUT_MS, prepareDatabase } from '@crm/core';
import { createScratchDatabase } from '../tools/scratch-database';

/** A migration altering a table the service writes, as a future one will. */
class AddColumnToBusyTable1900000000000 implements MigrationInterface {
  name = 'AddColumnToBusyTable1900000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE busy ADD COLUMN note text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE busy DROP COLUMN note`);
  }
}

/** Outside a transaction, as a migration that builds indexes concurrently is. */
class AddColumnOutsideTransaction1900000000001 implements MigrationInterface {
  name = 'AddColumnOutsideTransaction1900000000001';
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outside ADD COLUMN IF NOT EXISTS note text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outside DROP COLUMN note`);
  }
}

class IndexOutsideTransaction1900000000002 implements MigrationInterface {
  name = 'IndexOutsideTransaction1900000000002';
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIndexConcurrently(queryRunner, 'ix_indexed_at', 'ON indexed (at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY ix_indexed_at`);
  }
}

/**
 * A migration gives way to the service (docs/operations.md, "Migrations"): while a long
 * transaction holds a table, an ALTER TABLE waiting for it would hold every write queued behind
 * it; the migration waits at most MIGRATION_LOCK_TIMEOUT_MS, is rolled back, and is tried again
 * until the table is free — meanwhile writes go through.
 */
describe('migrations and the locks of a busy table', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dataSource: DataSource;
  const clients: Client[] = [];
  const client = async () => {
    const c = new Client({ connectionString: scratch.url });
    await c.connect();
    clients.push(c);
    return c;
  };

  /** Inserts into `table` every 20 ms for `ms`; returns how long each insert took. */
  const writeFor = async (table: string, ms: number) => {
    const writer = await client();
    const waits: number[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const t0 = Date.now();
      await writer.query(`INSERT INTO ${table} (at) VALUES (now())`);
      waits.push(Date.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return waits;
  };
  const migrationsOf = (table: string, migration: new () => MigrationInterface) =>
    new DataSource({
      type: 'postgres',
      url: scratch.url,
      migrations: [migration],
      migrationsTableName: `migrations_${table}`,
      // Two connections, both read afterwards: the advisory lock's and the migration's.
      poolSize: 2,
    }).initialize();
  const lockTimeouts = async (source: DataSource) => {
    const runners = [source.createQueryRunner(), source.createQueryRunner()];
    try {
      await Promise.all(runners.map((runner) => runner.connect()));
      return await Promise.all(
        runners.map(
          async (runner) =>
            ((await runner.query('SHOW lock_timeout')) as { lock_timeout: string }[])[0]
              .lock_timeout,
        ),
      );
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  };

  /**
   * Migrates while a report holds `table` (what an export or an ad-hoc query does) and writes go
   * on into it; returns what the migrations said and how long each write took.
   */
  const migrateWhileAReportHolds = async (source: DataSource, table: string, ms: number) => {
    const report = await client();
    await report.query('BEGIN');
    await report.query(`LOCK TABLE ${table} IN ACCESS SHARE MODE`);
    const said: string[] = [];
    const migrating = prepareDatabase(source, [], (message) => said.push(message));
    const waits = await writeFor(table, ms);
    await report.query('COMMIT');
    await migrating;
    return { said, waits };
  };
  const gaveWay = (said: string[]) =>
    said.some((line) => /gave way to the service's writes \(lock wait\)/.test(line));
  const indexIsValid = async (name: string) =>
    (
      (await dataSource.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass`, [
        name,
      ])) as { indisvalid: boolean }[]
    )[0].indisvalid;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_locks');
    dataSource = await new DataSource({
      type: 'postgres',
      url: scratch.url,
      migrations: [AddColumnToBusyTable1900000000000],
      migrationsTableName: 'migrations',
    }).initialize();
    for (const table of ['busy', 'outside', 'indexed', 'leftover']) {
      await dataSource.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, at timestamptz)`);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('waits at most the lock timeout at a time, lets writes through, and applies once the table is free', async () => {
    // Writes go on while the migration waits and gives way again and again.
    const { said, waits } = await migrateWhileAReportHolds(dataSource, 'busy', 2_500);

    expect(gaveWay(said)).toBe(true);
    expect(said.at(-1)).toBe('Applied migrations: AddColumnToBusyTable1900000000000');
    const columns = (await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'busy' ORDER BY 1`,
    )) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['at', 'id', 'note']);
    // No write waited for long behind the migration (a lock wait of its own, and some slack).
    expect(Math.max(...waits)).toBeLessThan(MIGRATION_LOCK_TIMEOUT_MS + 1_000);
    expect(waits.length).toBeGreaterThan(20);
  }, 30_000);

  it('gives way outside a transaction too, and leaves the connection as it found it', async () => {
    const source = await migrationsOf('outside', AddColumnOutsideTransaction1900000000001);
    try {
      const { said, waits } = await migrateWhileAReportHolds(source, 'outside', 2_000);

      expect(gaveWay(said)).toBe(true);
      expect(said.at(-1)).toBe('Applied migrations: AddColumnOutsideTransaction1900000000001');
      expect(Math.max(...waits)).toBeLessThan(MIGRATION_LOCK_TIMEOUT_MS + 1_000);
      // The pool's connections serve requests next: no lock timeout of the migration's is left.
      expect(await lockTimeouts(source)).toEqual(['0', '0']);
    } finally {
      await source.destroy();
    }
  }, 30_000);

  it('builds an index concurrently while an older transaction lasts past the lock timeout, writes going on', async () => {
    const source = await migrationsOf('indexed', IndexOutsideTransaction1900000000002);
    // A transaction that wrote and stays open: the build must wait for it to end.
    const slow = await client();
    await slow.query('BEGIN');
    await slow.query('INSERT INTO indexed (at) VALUES (now())');
    try {
      const said: string[] = [];
      let done = false;
      const migrating = prepareDatabase(source, [], (message) => said.push(message)).finally(
        () => (done = true),
      );
      const waits = await writeFor('indexed', 2_000);
      expect(done).toBe(false);
      await slow.query('COMMIT');
      await migrating;

      // It waited rather than gave way: giving way would have left the index invalid each time.
      expect(said).toEqual(['Applied migrations: IndexOutsideTransaction1900000000002']);
      expect(Math.max(...waits)).toBeLessThan(MIGRATION_LOCK_TIMEOUT_MS);
      expect(await indexIsValid('ix_indexed_at')).toBe(true);
      expect(await lockTimeouts(source)).toEqual(['0', '0']);
    } finally {
      await slow.query('COMMIT').catch(() => undefined);
      await source.destroy();
    }
  }, 30_000);

  it('builds again an index that an interrupted build left invalid', async () => {
    await dataSource.query(`INSERT INTO leftover (at) VALUES ('2026-12-04'), ('2026-12-04')`);
    // A build that fails halfway (here on the duplicate) leaves its index behind, invalid.
    await expect(
      dataSource.query(`CREATE UNIQUE INDEX CONCURRENTLY ix_leftover_at ON leftover (at)`),
    ).rejects.toThrow(/could not create unique index/);
    // IF NOT EXISTS alone takes the leftover for the index.
    await dataSource.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_leftover_at ON leftover (at)`,
    );
    expect(await indexIsValid('ix_leftover_at')).toBe(false);

    const runner = dataSource.createQueryRunner();
    try {
      await createIndexConcurrently(runner, 'ix_leftover_at', 'ON leftover (at)');
      expect(await indexIsValid('ix_leftover_at')).toBe(true);

      // The duplicate gone, the unique index it stopped is built too.
      await runner.query(`DELETE FROM leftover WHERE id = (SELECT max(id) FROM leftover)`);
      await createIndexConcurrently(runner, 'ix_leftover_at_unique', 'ON leftover (at)', {
        unique: true,
      });
      const [unique] = (await runner.query(
        `SELECT indisunique, indisvalid FROM pg_index WHERE indexrelid = 'ix_leftover_at_unique'::regclass`,
      )) as { indisunique: boolean; indisvalid: boolean }[];
      expect(unique).toEqual({ indisunique: true, indisvalid: true });
    } finally {
      await runner.release();
    }
  });

  it('refuses to build or validate inside a transaction, where it would wait holding locks', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await expect(
        createIndexConcurrently(runner, 'ix_leftover_id', 'ON leftover (id)'),
      ).rejects.toThrow(/transaction = false/);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
