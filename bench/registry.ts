import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, PiiCipher, prepareDatabaseAt } from '@crm/core';
import { startEmbeddedPostgres } from '@crm/core/infra/embedded-postgres';
import { seededRandom, syntheticRegistryLines } from '@crm/testing';
import { seedReferenceData } from '@crm/reference';
import { loadJakartaRegions } from '@crm/reference/seed/jakarta-boundaries';
import { RegistryImporter, RegistryLookup } from '@crm/registry';
import { createScratchDatabase } from '../tools/scratch-database';
import { percentile, Report } from './support';

/** 1,000,000 by default; BENCH_REGISTRY_ROWS makes it smaller (CI). */
const ROWS = Number(process.env.BENCH_REGISTRY_ROWS ?? 1_000_000);
const LOOKUPS = 10_000;

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
