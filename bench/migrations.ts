import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '@crm/core';
import { startEmbeddedPostgres } from '@crm/core/infra/embedded-postgres';
import { seedReferenceData } from '@crm/reference';
import { writeSyntheticTickets } from '@crm/testing';
import { createScratchDatabase } from '../tools/scratch-database';
import { percentile, Report } from './support';

/** Tickets in the database while it migrates (CI may use fewer). */
const SIZE = Number(process.env.BENCH_MIGRATION_TICKETS ?? 1_000_000);
/**
 * The upgrade measured: every migration from this one on, i.e. from the release before the
 * reporter loop to today's schema.
 */
const FIRST = process.env.BENCH_MIGRATION_FIRST ?? '1795446910000';
/** Intake's writers: each commits a ticket, its event, its notice and its outbox row, again and again. */
const WRITERS = 4;
const QUIET_MS = 10_000;

const MIGRATIONS_DIR = path.resolve(__dirname, '../libs/core/src/database/migrations');

interface Write {
  at: number;
  ms: number;
}

/**
 * Migrations that do not stop a city (docs/operations.md, "Migrations"): a database at today's
 * schema holding SIZE tickets (with an event and a notice each) is taken back to the schema
 * before FIRST with the migrations' own `down`, then brought up again while intake's writes go
 * on. The figure is the longest a write waited while the migrations ran, beside the longest it
 * waited in a quiet window of the same run (the ceiling: what the machine does anyway).
 */
export async function benchMigrations(report: Report): Promise<void> {
  const say = (message: string) => console.log(`[migrations] ${message}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-migrations-'));
  chmodSync(dir, 0o755);
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(dir, 'pg'), 'crm', say);
  const database = await createScratchDatabase(
    process.env.DATABASE_URL ?? embedded!.url,
    'crm_bench_migrations',
  );
  const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  const pool = new Pool({ connectionString: database.url, max: WRITERS });
  try {
    await prepareDatabase(dataSource, [seedReferenceData]);
    const label = `${SIZE.toLocaleString('en-US')} tickets`;
    const started = performance.now();
    const to = new Date();
    await writeSyntheticTickets(dataSource, {
      count: SIZE,
      seed: 7,
      from: new Date(to.getTime() - 2 * 365 * 86_400_000),
      to,
    });
    await dataSource.query(
      `INSERT INTO complaint_events (complaint_id, type, actor_sub, actor_role, to_status, data, at)
       SELECT id, 'received', 'synthetic-load', 'operator', 'diterima', '{}', created_at FROM complaints`,
    );
    await dataSource.query(
      `INSERT INTO notifications (complaint_id, kind, dedupe_key, message, status, created_at)
       SELECT id, 'acknowledgement', 'ack:' || id, 'Synthetic', 'delivered', created_at FROM complaints`,
    );
    await dataSource.query('VACUUM ANALYZE complaints, complaint_events, notifications');
    report.row('migrations', `loading ${label} with an event and a notice each`, {
      seconds: Math.round((performance.now() - started) / 1000),
    });

    const pending = readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^\d+-\w+\.ts$/.test(file) && file >= FIRST)
      .sort();
    for (let i = 0; i < pending.length; i++)
      await dataSource.undoLastMigration({ transaction: 'none' });
    say(`took the schema back before ${pending[0]} (${pending.length} migrations)`);

    // What intake writes for a ticket, in the columns both schemas have.
    const template = (
      (await dataSource.query(`SELECT id FROM complaints ORDER BY row_seq LIMIT 1`)) as {
        id: string;
      }[]
    )[0].id;
    const columns = (
      (await dataSource.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'complaints' AND is_generated = 'NEVER' AND is_identity = 'NO'
            AND column_name NOT IN ('id', 'tracking_number', 'request_hash')`,
      )) as { column_name: string }[]
    ).map((row) => `"${row.column_name}"`);
    const writes: Write[] = [];
    // A write refused (a deadlock, a lock timeout) is a complaint intake would have answered 5xx.
    const failures: { at: number; error: string }[] = [];
    let writing = true;
    const writer = async () => {
      const client = await pool.connect();
      try {
        while (writing) {
          const id = randomUUID();
          const t0 = performance.now();
          try {
            await client.query('BEGIN');
            await client.query(
              `INSERT INTO complaints (id, tracking_number, request_hash, ${columns.join(', ')})
             SELECT $1::uuid, 'B' || left(md5($1::text), 19), encode(sha256($1::text::bytea), 'hex'),
                    ${columns.join(', ')} FROM complaints WHERE id = $2`,
              [id, template],
            );
            await client.query(
              `INSERT INTO complaint_events (complaint_id, type, actor_sub, actor_role, to_status)
             VALUES ($1, 'received', 'bench', 'operator', 'diterima')`,
              [id],
            );
            await client.query(
              `INSERT INTO notifications (complaint_id, kind, dedupe_key, message)
             VALUES ($1::uuid, 'acknowledgement', 'ack:' || $1::text, 'Bench')`,
              [id],
            );
            await client.query(
              `INSERT INTO outbox_messages (queue, job_name, job_id, payload, relayed_at)
             VALUES ('routing', 'route', 'route:' || $1::text, '{}', now())`,
              [id],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            failures.push({ at: t0, error: (error as Error).message });
            continue;
          }
          writes.push({ at: t0, ms: performance.now() - t0 });
        }
      } finally {
        client.release();
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);

    const quietFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const migrationFrom = performance.now();
    const ran: { name: string; from: number; to: number }[] = [];
    // One at a time, each through prepareDatabase as a starting service runs them, to time each.
    const all = readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^\d+-\w+\.ts$/.test(file))
      .sort();
    for (const file of pending) {
      const upTo = all
        .filter((name) => name <= file)
        .map((name) => path.join(MIGRATIONS_DIR, name));
      const migrating = await new DataSource({
        ...dataSourceOptions(database.url),
        migrations: upTo,
      }).initialize();
      try {
        const from = performance.now();
        await prepareDatabase(migrating, [], say);
        ran.push({ name: file.replace(/\.ts$/, ''), from, to: performance.now() });
      } finally {
        await migrating.destroy();
      }
    }
    const migrationTo = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    writing = false;
    await Promise.all(writers);

    const quiet = writes.filter((w) => w.at >= quietFrom && w.at < migrationFrom).map((w) => w.ms);
    // A write that started before a migration and waited through it counts too.
    const overlapping = (from: number, to: number) =>
      writes.filter((w) => w.at + w.ms >= from && w.at < to);
    const longestOf = (list: Write[]) => list.reduce((max, w) => Math.max(max, w.ms), 0);
    const during = overlapping(migrationFrom, migrationTo);
    const longest = longestOf(during);
    report.row(
      'migrations',
      `${pending.length} migrations (${nameOf(pending[0])} … ${nameOf(pending.at(-1)!)}) on ${label}, ${WRITERS} intake writers`,
      {
        migrationSeconds: (migrationTo - migrationFrom) / 1000,
        longestStallMs: longest,
        p99Ms: percentile(
          during.map((w) => w.ms),
          99,
        ),
        writesDuring: during.length,
        failedWrites: failures.length,
        quietLongestMs: Math.max(...quiet),
        quietP99Ms: percentile(quiet, 99),
        quietWritesPerSecond: Math.round(quiet.length / (QUIET_MS / 1000)),
      },
    );
    for (const { name, from, to: until } of ran) {
      const stall = longestOf(overlapping(from, until));
      const failed = failures.filter((f) => f.at >= from && f.at < until);
      say(
        `${name}: ${Math.round(until - from)} ms, longest write ${Math.round(stall)} ms, ${failed.length} writes failed${failed.length ? ` (${failed[0].error})` : ''}`,
      );
    }
  } finally {
    await pool.end();
    await dataSource.destroy();
    await database.drop();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `1795446910000-ReporterLoop.ts` → `ReporterLoop` */
function nameOf(file: string): string {
  return file.replace(/^\d+-/, '').replace(/\.ts$/, '');
}
