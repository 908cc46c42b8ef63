import { AppConfig, loadConfig } from './config/app-config';
import { ConfigValidationError } from './config/environment';
import { prepareDatabaseAt, Seeder } from './database/prepare-database';
import { LocalInfrastructure, startLocalInfrastructure } from './infra/local-infrastructure';
import { LocalInfrastructureError } from './infra/local-service';
import { SHUTDOWN_SIGNALS } from './infra/shutdown-signals';
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
  // Stopped while starting (migrations can take a while): what was started locally stops too.
  const stopWhileStarting = (signal: NodeJS.Signals) => {
    bootLog(`${signal} received while starting; stopping`);
    void (infrastructure?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, stopWhileStarting);
  startupSignalHandler = stopWhileStarting;
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

/** The handler `prepareProcess` installs until the process has started. */
let startupSignalHandler: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * Stops gracefully on SIGTERM, SIGINT or SIGHUP — to the process, or to its whole group (a
 * terminal's Ctrl-C): stop taking requests, let in-flight ones finish, close connections and the
 * in-process worker, stop what the process started locally (PostgreSQL, then Redis), and exit 0.
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
  for (const signal of SHUTDOWN_SIGNALS) {
    if (startupSignalHandler) process.removeListener(signal, startupSignalHandler);
    process.on(signal, (s) => void shutdown(s));
  }
}
