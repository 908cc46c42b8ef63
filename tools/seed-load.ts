/* Loads synthetic tickets for dashboards, demos and benchmarks into the database (DATABASE_URL,
 * or the embedded PostgreSQL), with a progress bar.
 * Usage: npm run seed:load -- --tickets 1000000 [--years 2] [--seed 1]
 *        npm run seed:load -- --remove   (deletes what earlier loads wrote) */
import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import {
  bootLog,
  dataSourceOptions,
  loadConfig,
  prepareDatabaseAt,
  startLocalInfrastructure,
} from '@crm/core';
import { SYNTHETIC_CREATOR, writeSyntheticTickets } from '@crm/testing';
import { seedReferenceData } from '@crm/reference';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      years: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      remove: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.tickets);
  const years = Number(values.years);
  if (!Number.isInteger(count) || count < 1 || count > 50_000_000) {
    throw new Error('--tickets must be a whole number from 1 to 50,000,000');
  }
  if (!(years > 0 && years <= 20)) throw new Error('--years must be between 0 and 20');

  const infrastructure = await startLocalInfrastructure(process.env, bootLog, { redis: false });
  const config = loadConfig({ REDIS_URL: 'redis://unused', ...process.env });
  await prepareDatabaseAt(config.database.url, [seedReferenceData], bootLog);
  const dataSource = await new DataSource(dataSourceOptions(config.database.url)).initialize();
  try {
    if (values.remove) {
      await removeSynthetic(dataSource);
      return;
    }
    const bar = new SingleBar({
      format: 'tickets {bar} {percentage}% | {value}/{total} | {eta_formatted} left',
      hideCursor: true,
    });
    const to = new Date();
    const from = new Date(to.getTime() - years * 365.25 * 86_400_000);
    bar.start(count, 0);
    const started = Date.now();
    const result = await writeSyntheticTickets(dataSource, {
      count,
      seed: Number(values.seed),
      from,
      to,
      onBatch: (written) => bar.update(written),
    });
    bar.stop();
    await dataSource.query('ANALYZE complaints, sla_outcomes');
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ ...result, seconds }, null, 2) + '\n');
  } finally {
    await dataSource.destroy();
    await infrastructure.stop();
  }
}

/**
 * SLA outcomes are append-only (a trigger refuses deletes), so removing synthetic tickets lifts
 * that guard for this one transaction only, and only for rows of synthetic tickets.
 */
async function removeSynthetic(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`ALTER TABLE sla_outcomes DISABLE TRIGGER sla_outcomes_no_update_delete`);
    await manager.query(
      `DELETE FROM sla_outcomes WHERE complaint_id IN
         (SELECT id FROM complaints WHERE created_by = $1)`,
      [SYNTHETIC_CREATOR],
    );
    await manager.query(`ALTER TABLE sla_outcomes ENABLE TRIGGER sla_outcomes_no_update_delete`);
    const [, removed] = (await manager.query(`DELETE FROM complaints WHERE created_by = $1`, [
      SYNTHETIC_CREATOR,
    ])) as [unknown, number];
    process.stdout.write(
      `Removed ${removed} synthetic tickets. A running API still counts them on its dashboard until it restarts.\n`,
    );
  });
}

main().catch((error: Error) => {
  bootLog(error.message, 'error');
  process.exit(1);
});
