import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const DIR = path.join(__dirname, 'migrations');
/**
 * Migrations written before the service held real tickets built these tables while they were
 * empty; from the reporter loop on, a migration meets a city's worth of rows
 * (bench/migrations.ts measures the upgrade under intake).
 */
const FIRST_UNDER_LOAD = '1795446910000';
/** The tables intake and handling write all day: never locked for the length of a scan. */
const BUSY = [
  'complaints',
  'complaint_events',
  'notifications',
  'outbox_messages',
  'follow_ups',
  'sla_outcomes',
  'attachments',
  'registry_people',
];

/**
 * What a migration may do to a busy table without stopping intake (docs/operations.md,
 * "Migrations"): build indexes CONCURRENTLY (outside a transaction, with createIndexConcurrently),
 * add checks NOT VALID and validate them apart, and add columns that are nullable or have a
 * constant default.
 */
describe('migrations on busy tables', () => {
  const files = readdirSync(DIR)
    .filter((file) => /^\d+-\w+\.ts$/.test(file) && file >= FIRST_UNDER_LOAD)
    .sort();

  it('has migrations to check (a guard against checking nothing)', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s locks no busy table for long', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const up = text.slice(text.indexOf('async up('), text.indexOf('async down('));
    const created = new Set(
      [...up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)].map((m) => m[1]),
    );
    const busy = BUSY.filter((table) => !created.has(table));
    const problems: string[] = [];
    for (const match of up.matchAll(
      /CREATE (?:UNIQUE )?INDEX (?!CONCURRENTLY)[^`]*? ON "?(\w+)"?/g,
    )) {
      if (busy.includes(match[1])) problems.push(`index on ${match[1]} built without CONCURRENTLY`);
    }
    if (
      /CONCURRENTLY|createIndexConcurrently|validateConstraint/.test(up) &&
      !/transaction = false/.test(text)
    ) {
      problems.push('CONCURRENTLY and validateConstraint need `transaction = false`');
    }
    if (/CREATE (?:UNIQUE )?INDEX CONCURRENTLY/.test(up)) {
      problems.push(
        'index built by hand: createIndexConcurrently rebuilds one an interrupted build left invalid',
      );
    }
    if (/VALIDATE CONSTRAINT/.test(up) && /transaction = false/.test(text)) {
      problems.push('VALIDATE CONSTRAINT by hand: validateConstraint waits without giving way');
    }
    for (const match of up.matchAll(/ALTER TABLE "?(\w+)"?([^`]*)`/g)) {
      if (!busy.includes(match[1])) continue;
      const body = match[2];
      if (/ADD CONSTRAINT[^,]*CHECK/.test(body) && !/NOT VALID/.test(body)) {
        problems.push(`check on ${match[1]} added without NOT VALID`);
      }
      if (/ADD CONSTRAINT[^,]*FOREIGN KEY/.test(body) && !/NOT VALID/.test(body)) {
        problems.push(`foreign key on ${match[1]} added without NOT VALID`);
      }
      if (
        /GENERATED|DEFAULT\s+(?:now|gen_random|uuid_generate|nextval|clock_timestamp)/i.test(body)
      ) {
        problems.push(`column on ${match[1]} whose value is computed per row (a rewrite)`);
      }
      if (/SET NOT NULL/.test(body))
        problems.push(`SET NOT NULL on ${match[1]} scans it under lock`);
    }
    expect(problems).toEqual([]);
  });
});
