/* Imports a P3KE/DTKS registry CSV into the database (DATABASE_URL, or the embedded PostgreSQL),
 * streaming, with a progress bar; prints the report as JSON. Usage: npm run registry:import -- FILE */
import { SingleBar } from 'cli-progress';
import { createReadStream, statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  bootLog,
  dataSourceOptions,
  loadConfig,
  piiCipherFrom,
  prepareDatabaseAt,
  startLocalInfrastructure,
} from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { RegistryImporter } from '@crm/registry';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run registry:import -- FILE');
  const size = statSync(file).size;
  const infrastructure = await startLocalInfrastructure(process.env, bootLog, { redis: false });
  const config = loadConfig({ REDIS_URL: 'redis://unused', ...process.env });
  await prepareDatabaseAt(config.database.url, [seedReferenceData], bootLog);
  const dataSource = await new DataSource(dataSourceOptions(config.database.url)).initialize();
  try {
    const codes: { code: string }[] = await dataSource.query(
      `SELECT code FROM regions WHERE level = 'kelurahan'`,
    );
    const importer = new RegistryImporter(
      dataSource,
      piiCipherFrom(config.pii),
      new Set(codes.map(({ code }) => code)),
    );
    // Progress by bytes read: known in advance, unlike the number of rows.
    const bar = new SingleBar({
      format: 'registry {bar} {percentage}% | {rows} rows | {eta_formatted} left',
      hideCursor: true,
    });
    bar.start(size, 0, { rows: 0 });
    const input = createReadStream(file);
    const started = Date.now();
    const report = await importer.import(input, (rows) => bar.update(input.bytesRead, { rows }));
    bar.update(size);
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ ...report, seconds }, null, 2) + '\n');
  } finally {
    await dataSource.destroy();
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  bootLog(error.message, 'error');
  process.exit(1);
});
