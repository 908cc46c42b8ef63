/* Writes a migration with the SQL that brings the committed migrations up to the entities.
 * Usage: npm run migration:generate -- AddTickets */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bootLog, dataSourceOptions, loadConfig, startLocalInfrastructure } from '@crm/core';
import { DataSource } from 'typeorm';
import { createScratchDatabase } from './scratch-database';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name');
  const infrastructure = await startLocalInfrastructure(process.env, bootLog, { redis: false });
  const scratch = await createScratchDatabase(
    loadConfig({ REDIS_URL: 'redis://unused', ...process.env }).database.url,
    'crm_migration',
  );
  try {
    const dataSource = await new DataSource(dataSourceOptions(scratch.url)).initialize();
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (!sql.upQueries.length) {
      bootLog('The entities match the migrations; nothing to generate');
      return;
    }
    const timestamp = Date.now();
    const quote = (query: string) => '`' + query.replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`);
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await queryRunner.query(${quote(q.query)});`);
    const file = path.join(
      __dirname,
      '../libs/core/src/database/migrations',
      `${timestamp}-${name}.ts`,
    );
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`,
    );
    bootLog(`Wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await scratch.drop();
    await infrastructure.stop();
  }
}

main().catch((error: Error) => {
  bootLog(error.message, 'error');
  process.exit(1);
});
