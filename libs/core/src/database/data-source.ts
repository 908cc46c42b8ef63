import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { StatementLogger } from './statement-logger';

// Four levels up from libs/core/src/database is the project root in the sources, and the app's
// root in a build (dist/apps/<app>/libs/core/src/database), so the same globs serve both.
const root = path.resolve(__dirname, '../../../..');

/**
 * The one definition of the database connection, used by the app (TypeOrmModule), the migration
 * tools and the tests. The schema only ever changes through committed migrations.
 */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [path.join(root, 'libs/*/src/**/*.entity.{ts,js}')],
    migrations: [path.join(root, 'libs/core/src/database/migrations/*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: 'jakarta-crm',
    // Never TypeORM's own loggers: they print a failed statement's parameters (personal data).
    logger: new StatementLogger(),
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}

/** For the TypeORM CLI (`npm run typeorm -- ...`): DATABASE_URL must be set. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? ''));
