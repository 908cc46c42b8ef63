import { QueryRunner } from 'typeorm';

/**
 * Steps of a migration outside a transaction that take only a SHARE UPDATE EXCLUSIVE lock on a
 * busy table: while they wait, for the lock or for every older transaction to end, no write waits
 * behind them. So they wait as long as it takes, instead of giving way after the migration's lock
 * timeout (docs/operations.md, "Migrations"): a long report would otherwise fail them for nothing,
 * and past the deadlock check's second, waiting is also what makes an autovacuum step aside.
 */
async function waitingForAsLongAsItTakes(
  queryRunner: QueryRunner,
  step: () => Promise<void>,
): Promise<void> {
  const [{ lock_timeout: lockTimeout }] = (await queryRunner.query('SHOW lock_timeout')) as {
    lock_timeout: string;
  }[];
  await queryRunner.query('SET lock_timeout = 0');
  try {
    await step();
  } finally {
    await queryRunner.query(`SELECT set_config('lock_timeout', $1, false)`, [lockTimeout]);
  }
}

/**
 * Builds an index CONCURRENTLY, so that the table's writes go on meanwhile.
 *
 * A build that was interrupted — the process stopped halfway through a million rows, a
 * uniqueness violation — leaves the index behind, marked invalid: PostgreSQL keeps updating it on
 * every write and never reads it, and `IF NOT EXISTS` would keep it so for good. Such a leftover
 * is dropped (CONCURRENTLY too) and built again.
 */
export function createIndexConcurrently(
  queryRunner: QueryRunner,
  name: string,
  definition: string,
): Promise<void> {
  return waitingForAsLongAsItTakes(queryRunner, async () => {
    const leftover = (await queryRunner.query(
      `SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid`,
      [`"${name}"`],
    )) as unknown[];
    if (leftover.length) await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
    await queryRunner.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS "${name}" ${definition}`);
  });
}

/** Checks the rows of a constraint added NOT VALID; writes go on while it reads the table. */
export function validateConstraint(
  queryRunner: QueryRunner,
  table: string,
  constraint: string,
): Promise<void> {
  return waitingForAsLongAsItTakes(queryRunner, async () => {
    await queryRunner.query(`ALTER TABLE "${table}" VALIDATE CONSTRAINT "${constraint}"`);
  });
}
