/* Runs the committed migrations (and the reference-data seed) against DATABASE_URL, or against the
 * embedded PostgreSQL when DATABASE_URL is unset. Usage: npm run migration:run [-- --no-seed] */
import { bootLog, loadConfig, prepareDatabaseAt, startLocalInfrastructure } from '@crm/core';
import { seedReferenceData } from '@crm/reference';

async function main(): Promise<void> {
  const infrastructure = await startLocalInfrastructure(process.env, bootLog, { redis: false });
  try {
    const config = loadConfig({ REDIS_URL: 'redis://unused', ...process.env });
    const seeders = process.argv.includes('--no-seed') ? [] : [seedReferenceData];
    await prepareDatabaseAt(config.database.url, seeders, bootLog);
    bootLog(`Database is up to date${seeders.length ? ' and reference data seeded' : ''}`);
  } finally {
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  bootLog(error.message, 'error');
  process.exit(1);
});
