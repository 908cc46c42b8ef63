import { QueryRunner } from 'typeorm';

/**
 * Runs `step` with the connection's `lock_timeout` at `timeout` (PostgreSQL's syntax: '500ms',
 * '0' for none), then puts back what it was: outside a transaction a setting stays on the
 * connection, which then serves whoever takes it from the pool next. If putting it back fails
 * (the connection is gone), the step's own error is the one that counts.
 */
export async function withLockTimeout<T>(
  queryRunner: QueryRunner,
  timeout: string,
  step: () => Promise<T>,
): Promise<T> {
  const [{ lock_timeout: before }] = (await queryRunner.query('SHOW lock_timeout')) as {
    lock_timeout: string;
  }[];
  const setTo = (value: string) =>
    queryRunner.query(`SELECT set_config('lock_timeout', $1, false)`, [value]);
  await setTo(timeout);
  let result: T;
  try {
    result = await step();
  } catch (error) {
    await setTo(before).catch(() => undefined);
    throw error;
  }
  await setTo(before);
  return result;
}

/**
 * Steps of a migration outside a transaction that take only a SHARE UPDATE EXCLUSIVE lock on a
 * busy table: while they wait, no write waits behind them. So they wait as long as it takes
 * instead of giving way after the migration's lock timeout (docs/operations.md, "Migrations"): an
 * index built concurrently waits, through lock waits, for every transaction older than it — a
 * long report would fail it under the timeout, for nothing — and an autovacuum on the table steps
 * aside only for a wait longer than the deadlock check's second.
 */
async function waitingAsLongAsItTakes(queryRunner: QueryRunner, step: () => Promise<void>) {
  if (queryRunner.isTransactionActive) {
    // Inside a transaction the step would wait while holding the locks taken before it, and its
    // setting would outlive the transaction.
    throw new Error('Index builds and validations run in a migration with `transaction = false`');
  }
  return withLockTimeout(queryRunner, '0', step);
}

/**
 * Builds an index CONCURRENTLY, so that the table's writes go on meanwhile.
 *
 * A build that failed part way — cancelled, a deadlock, a uniqueness violation — leaves the index
 * behind, marked invalid: PostgreSQL keeps updating it on every write and never reads it, and
 * `IF NOT EXISTS` would keep it so for good. Such a leftover is dropped (CONCURRENTLY too) and
 * built again.
 */
export function createIndexConcurrently(
  queryRunner: QueryRunner,
  name: string,
  definition: string,
  options: { unique?: boolean } = {},
): Promise<void> {
  return waitingAsLongAsItTakes(queryRunner, async () => {
    const leftover = (await queryRunner.query(
      `SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid`,
      [`"${name}"`],
    )) as unknown[];
    if (leftover.length) await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
    await queryRunner.query(
      `CREATE ${options.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY IF NOT EXISTS "${name}" ${definition}`,
    );
  });
}

/** Checks the rows of a constraint added NOT VALID; writes go on while it reads the table. */
export function validateConstraint(
  queryRunner: QueryRunner,
  table: string,
  constraint: string,
): Promise<void> {
  return waitingAsLongAsItTakes(queryRunner, async () => {
    await queryRunner.query(`ALTER TABLE "${table}" VALIDATE CONSTRAINT "${constraint}"`);
  });
}
