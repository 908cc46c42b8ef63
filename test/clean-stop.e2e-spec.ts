import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '@crm/core/infra/free-port';
import { until } from './faults/infrastructure';

const ROOT = path.resolve(__dirname, '..');
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/**
 * Where a stop comes from: a process supervisor signals `npm start` or the node process itself;
 * a terminal's Ctrl-C signals the whole process group.
 */
const TARGETS = ['npm start', 'the node process', 'the process group'] as const;

/**
 * Clean stops (docs/operations.md): the service as a newcomer starts it — no DATABASE_URL or
 * REDIS_URL, so it starts its own PostgreSQL and redis-server — stopped by each signal at each
 * target, exits 0 and leaves no process behind: not the API (with its worker), not PostgreSQL,
 * not redis-server. The first runs go through `npm start` (which builds), the others through the
 * built service (`npm run start:api`).
 */
describe('clean stops', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-stop-'));
    // PostgreSQL refuses to run as root: as root it runs as `postgres`, which must reach its data.
    chmodSync(dataDir, 0o777);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const cases = TARGETS.flatMap((target) => SIGNALS.map((signal) => [signal, target] as const));

  it.each(cases)(
    '%s to %s stops the API, the worker, PostgreSQL and redis-server, and exits 0',
    async (signal, target) => {
      const port = await findFreePort();
      const npm = spawn('npm', target === 'npm start' ? ['start'] : ['run', 'start:api'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'development',
          DATA_DIR: dataDir,
          PORT: String(port),
          LOG_LEVEL: 'error',
        },
        // A group of its own, as a terminal gives a command (and the test can signal it whole).
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let started: Record<string, number | undefined> = {};
      let output = '';
      npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        npm.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
      );
      try {
        await until(
          'the service',
          async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
          180_000,
        );
        const service = nodeProcessUnder(npm.pid!);
        const postgres = pidFrom(path.join(dataDir, 'postgres', 'postmaster.pid'));
        const redis = pidFrom(path.join(dataDir, 'redis', 'redis.pid'));
        started = { service, postgres, redis };
        expect(Object.values(started).every((pid) => pid && alive(pid))).toBe(true);
        // Started with no locale in its environment, as a supervisor may: UTF-8 all the same.
        expect(await serverEncoding(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe('UTF8');

        if (target === 'npm start') npm.kill(signal);
        else if (target === 'the node process') process.kill(service!, signal);
        else process.kill(-npm.pid!, signal);

        expect(await exited).toEqual({ code: 0, signal: null });
        await until(
          'every process to stop',
          () => Promise.resolve(Object.values(started).every((pid) => !alive(pid!))),
          30_000,
        );
        expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- output ---\n${output}`);
      } finally {
        // A failed run leaves nothing behind for the next one either.
        if (npm.exitCode === null) process.kill(-npm.pid!, 'SIGKILL');
        for (const pid of Object.values(started))
          if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      }
    },
    240_000,
  );
});

/** The node process that runs the service: npm's descendant running main.js. */
function nodeProcessUnder(root: number): number | undefined {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // Gone meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = parents.get(pid); at; at = parents.get(at)) if (at === root) return true;
    return false;
  };
  return [...commands].find(
    ([pid, command]) => command.includes('main.js') && (pid === root || descends(pid)),
  )?.[0];
}

/** The embedded cluster's encoding, through the port its postmaster.pid names (line 4). */
async function serverEncoding(pidFile: string): Promise<string> {
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  const client = new Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    return (await client.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]
      .server_encoding;
  } finally {
    await client.end();
  }
}

function pidFrom(file: string): number | undefined {
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has stopped; only its parent has not collected it yet.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
