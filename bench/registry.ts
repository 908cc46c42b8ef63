import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { csvRecords, dataSourceOptions, PiiCipher, prepareDatabaseAt } from '@crm/core';
import { startEmbeddedPostgres } from '@crm/core/infra/embedded-postgres';
import { seededRandom, syntheticRegistryLines } from '@crm/testing';
import { seedReferenceData } from '@crm/reference';
import { loadJakartaRegions } from '@crm/reference/seed/jakarta-boundaries';
import {
  readRegistryRecord,
  REGISTRY_COLUMNS,
  registryCopyText,
  RegistryImporter,
  RegistryLookup,
  RegistryRow,
} from '@crm/registry';
import { createScratchDatabase } from '../tools/scratch-database';
import { percentile, Report } from './support';

/** 1,000,000 by default; BENCH_REGISTRY_ROWS makes it smaller (CI). */
const ROWS = Number(process.env.BENCH_REGISTRY_ROWS ?? 1_000_000);
const LOOKUPS = 10_000;

/**
 * Beside the import, in the same run: PostgreSQL's `COPY` of the same file into a bare table (the
 * ceiling), and this process's share of the import alone — reading, checking, encrypting and
 * hashing every row into `COPY` text, with no database.
 */
async function benchCeilings(
  report: Report,
  dataSource: DataSource,
  pii: PiiCipher,
  file: string,
  kelurahan: ReadonlySet<string>,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  await client.query(
    `CREATE TEMP TABLE bare (${REGISTRY_COLUMNS.map((name) => `${name} text`).join(', ')})`,
  );
  let started = performance.now();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom('COPY bare FROM STDIN WITH (FORMAT csv, HEADER true)')),
  );
  let seconds = (performance.now() - started) / 1000;
  report.row('registry', 'ceiling: plain COPY of the same file into a bare table', {
    rowsPerSecond: Math.round(ROWS / seconds),
    seconds,
  });
  await client.query('DROP TABLE bare');
  await runner.release();

  started = performance.now();
  const today = new Date();
  let rows: RegistryRow[] = [];
  let bytes = 0;
  for await (const records of csvRecords(createReadStream(file))) {
    for (const record of records) {
      if (record.line === 1 || !('fields' in record)) continue;
      const row = readRegistryRecord(record.fields, kelurahan, today);
      if ('reason' in row) continue;
      rows.push(row);
      if (rows.length === 5_000) {
        bytes += registryCopyText(rows, pii).length;
        rows = [];
      }
    }
  }
  bytes += registryCopyText(rows, pii).length;
  seconds = (performance.now() - started) / 1000;
  report.row('registry', 'this process alone: read, check, encrypt, hash into COPY text', {
    rowsPerSecond: Math.round(ROWS / seconds),
    microsecondsPerRow: (seconds * 1e6) / ROWS,
    copyMiB: Math.round(bytes / 2 ** 20),
  });
}

/**
 * The registry import (a synthetic file of ROWS people, streamed as `npm run registry:import`
 * does) with its peak memory, then the registry check by NIK with all of them loaded.
 */
export async function benchRegistry(report: Report): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-registry-'));
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(dir, 'pg'), 'crm', () => undefined);
  const database = await createScratchDatabase(
    process.env.DATABASE_URL ?? embedded!.url,
    'crm_registry_bench',
  );
  try {
    await prepareDatabaseAt(database.url, [seedReferenceData]);
    const kelurahan = loadJakartaRegions()
      .filter((region) => region.level === 'kelurahan')
      .map((region) => region.code);
    const file = path.join(dir, 'registry.csv');
    const out = createWriteStream(file);
    const niks: string[] = [];
    for (const line of syntheticRegistryLines(ROWS, seededRandom(5), kelurahan)) {
      if (niks.length < LOOKUPS && line.startsWith('P3KE')) niks.push(line.split(',')[2]);
      if (!out.write(line + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    const pii = PiiCipher.fromHex('bench', 'b'.repeat(64));
    await benchCeilings(report, dataSource, pii, file, new Set(kelurahan));
    const importer = new RegistryImporter(dataSource, pii, new Set(kelurahan));
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const result = await importer.import(createReadStream(file));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    report.row('registry', `import of ${ROWS.toLocaleString('en-US')} synthetic rows (streamed)`, {
      rowsPerSecond: Math.round(ROWS / seconds),
      seconds,
      imported: result.imported,
      rejected: result.rejectedCount,
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      peakRssMiB: Math.round(peak / 2 ** 20),
    });

    const lookup = new RegistryLookup(dataSource, pii);
    const latencies: number[] = [];
    const random = seededRandom(9);
    for (let i = 0; i < LOOKUPS; i++) {
      // Half registered, half not (a synthetic NIK that is not in the file).
      const nik =
        i % 2 === 0
          ? niks[Math.floor(random() * niks.length)]
          : `3171990101900${String(i).padStart(3, '0').slice(-3)}`;
      const t0 = performance.now();
      await lookup.check(nik);
      latencies.push(performance.now() - t0);
    }
    report.row('registry', `registry check by NIK, ${ROWS.toLocaleString('en-US')} people loaded`, {
      lookups: LOOKUPS,
      p50ms: percentile(latencies, 50),
      p99ms: percentile(latencies, 99),
    });
    await dataSource.destroy();
  } finally {
    await database.drop();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
