import { AppConfig, loadConfig } from './config/app-config';
import { ConfigValidationError } from './config/environment';
import { prepareDatabaseAt, Seeder } from './database/prepare-database';
import { LocalInfrastructure, startLocalInfrastructure } from './infra/local-infrastructure';
import { LocalInfrastructureError } from './infra/local-service';
import { bootLog } from './logging/boot-log';

export interface Prepared {
  config: AppConfig;
  infrastructure: LocalInfrastructure;
}

/**
 * What every process does before Nest starts: validate the environment, start the local
 * infrastructure where nothing was configured, then migrate and seed under the schema lock.
 * A configuration problem ends the process with a message naming the variable.
 */
export async function prepareProcess(seeders: Seeder[]): Promise<Prepared> {
  let infrastructure: LocalInfrastructure | undefined;
  try {
    infrastructure = await startLocalInfrastructure(process.env, bootLog);
    const config = loadConfig(process.env);
    await prepareDatabaseAt(config.database.url, seeders, bootLog);
    return { config, infrastructure };
  } catch (error) {
    await infrastructure?.stop();
    if (error instanceof ConfigValidationError || error instanceof LocalInfrastructureError) {
      bootLog(error.message, 'error');
    } else {
      bootLog(`Start-up failed: ${(error as Error).stack ?? String(error)}`, 'error');
    }
    process.exit(1);
  }
}

/**
 * Stops gracefully on SIGTERM/SIGINT: stop taking requests, let in-flight ones finish, close
 * connections, stop what the process started locally, and exit 0.
 */
export function exitGracefullyOnSignals(
  close: () => Promise<void>,
  infrastructure: LocalInfrastructure,
): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    bootLog(`${signal} received, shutting down`);
    const deadline = setTimeout(() => {
      bootLog('Shutdown took longer than 25 s; exiting', 'error');
      process.exit(1);
    }, 25_000);
    deadline.unref();
    try {
      await close();
      await infrastructure.stop();
      process.exit(0);
    } catch (error) {
      bootLog(`Shutdown failed: ${(error as Error).message}`, 'error');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}
