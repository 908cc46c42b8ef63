import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareDatabaseAt } from '@crm/core';
import { startEmbeddedPostgres } from '@crm/core/infra/embedded-postgres';
import { startEmbeddedRedis } from '@crm/core/infra/embedded-redis';
import { findFreePort } from '@crm/core/infra/free-port';
import { LocalService } from '@crm/core/infra/local-service';
import { seedReferenceData } from '@crm/reference';
import { createScratchDatabase } from '../tools/scratch-database';
import { throwawayServiceEnv } from '../tools/throwaway-service-env';

export interface RunningService {
  baseUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  pid: number;
  workerPid: number;
  rssMiB(): number;
  /** Freezes and thaws the worker process (SIGSTOP/SIGCONT): intake alone, then its backlog. */
  pauseWorker(): void;
  resumeWorker(): void;
  stop(): Promise<void>;
}

/**
 * The built API and worker (dist/) as production runs them, on a fresh database: PostgreSQL and Redis from DATABASE_URL/REDIS_URL, or embedded ones
 * in a temporary folder.
 */
export async function startService(): Promise<RunningService> {
  const say = (message: string) => console.log(`[bench] ${message}`);
  const started: LocalService[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  chmodSync(dir, 0o755);
  const serverUrl =
    process.env.DATABASE_URL ??
    started[started.push(await startEmbeddedPostgres(path.join(dir, 'pg'), 'crm', say)) - 1].url;
  const redisUrl =
    process.env.REDIS_URL ??
    started[
      started.push(await startEmbeddedRedis(path.join(dir, 'redis'), say, { persistent: false })) -
        1
    ].url;
  const database = await createScratchDatabase(serverUrl, 'crm_bench');
  await prepareDatabaseAt(database.url, [seedReferenceData]);

  const port = await findFreePort();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    ...throwawayServiceEnv('bench', dir),
    // The pool each process may hold, when the run compares sizes (README, "Configuration").
    ...(process.env.DATABASE_POOL_SIZE
      ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE }
      : {}),
  };
  // As production runs it: the API and the worker as two processes. BENCH_PROFILE_DIR writes
  // each one's CPU profile there when it stops (for `npm run flamegraph`).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`]
    : [];
  const run = (main: string, extra: Record<string, string>): ChildProcess =>
    spawn(process.execPath, [...profile, path.resolve(main)], {
      env: { PATH: process.env.PATH, ...env, ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const child = run('dist/apps/api/apps/api/src/main.js', { RUN_WORKER: 'false' });
  const worker = run('dist/apps/worker/apps/worker/src/main.js', {});
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300 || child.exitCode !== null) throw new Error('The API did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    databaseUrl: database.url,
    env,
    pid: child.pid!,
    workerPid: worker.pid!,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    pauseWorker: () => worker.kill('SIGSTOP'),
    resumeWorker: () => worker.kill('SIGCONT'),
    stop: async () => {
      worker.kill('SIGCONT');
      await Promise.all(
        [child, worker].map(
          (process) =>
            new Promise<void>((resolve) => {
              if (process.exitCode !== null) return resolve();
              process.once('exit', () => resolve());
              process.kill('SIGTERM');
            }),
        ),
      );
      await database.drop();
      for (const service of started.reverse()) await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
