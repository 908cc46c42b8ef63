import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { MIGRATION_LOCK_TIMEOUT_MS, prepareDatabase } from '@crm/core';
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

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_locks');
    dataSource = await new DataSource({
      type: 'postgres',
      url: scratch.url,
      migrations: [AddColumnToBusyTable1900000000000],
      migrationsTableName: 'migrations',
    }).initialize();
    await dataSource.query(`CREATE TABLE busy (id serial PRIMARY KEY, at timestamptz)`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('waits at most the lock timeout at a time, lets writes through, and applies once the table is free', async () => {
    // A report reading the table for a while (what an export or an ad-hoc query does).
    const report = await client();
    await report.query('BEGIN');
    await report.query('LOCK TABLE busy IN ACCESS SHARE MODE');

    const said: string[] = [];
    const migrating = prepareDatabase(dataSource, [], (message) => said.push(message));

    // Writes go on while the migration waits and gives way again and again.
    const writer = await client();
    const waits: number[] = [];
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      const t0 = Date.now();
      await writer.query('INSERT INTO busy (at) VALUES (now())');
      waits.push(Date.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await report.query('COMMIT');
    await migrating;

    expect(said.some((line) => /gave way to the service's writes \(lock wait\)/.test(line))).toBe(
      true,
    );
    expect(said.at(-1)).toBe('Applied migrations: AddColumnToBusyTable1900000000000');
    const columns = (await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'busy' ORDER BY 1`,
    )) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['at', 'id', 'note']);
    // No write waited for long behind the migration (a lock wait of its own, and some slack).
    expect(Math.max(...waits)).toBeLessThan(MIGRATION_LOCK_TIMEOUT_MS + 1_000);
    expect(waits.length).toBeGreaterThan(20);
  }, 30_000);
});
