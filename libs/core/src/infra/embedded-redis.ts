import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findFreePort, isProcessAlive } from './free-port';
import { LocalInfrastructureError, LocalService } from './local-service';

export const REDIS_MISSING_MESSAGE =
  'REDIS_URL is not set and no redis-server is on the PATH. Install Redis ' +
  '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ' +
  'or set REDIS_URL=redis://host:6379 to use a running one.';

export interface EmbeddedRedisOptions {
  /** Append-only file on (the development default) or no persistence at all (tests). */
  persistent: boolean;
}

/**
 * Starts `redis-server` from the PATH with its data in `dataDir`. A server left running by an
 * earlier start on the same directory is reused.
 */
export async function startEmbeddedRedis(
  dataDir: string,
  log: (message: string) => void,
  options: EmbeddedRedisOptions = { persistent: true },
): Promise<LocalService> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new LocalInfrastructureError(REDIS_MISSING_MESSAGE);

  await fs.mkdir(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'redis.pid');
  const portFile = path.join(dataDir, 'redis.port');
  if (existsSync(pidFile) && existsSync(portFile)) {
    const pid = Number(await fs.readFile(pidFile, 'utf8'));
    const port = Number(await fs.readFile(portFile, 'utf8'));
    if (pid && port && isProcessAlive(pid)) {
      log(`Using the redis-server already running on port ${port} (${dataDir})`);
      return { url: `redis://127.0.0.1:${port}`, stop: async () => undefined };
    }
  }

  const port = await findFreePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir];
  args.push('--pidfile', pidFile, '--save', '', '--daemonize', 'no');
  args.push('--appendonly', options.persistent ? 'yes' : 'no');
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new LocalInfrastructureError(`redis-server did not start: ${output}`)),
      15_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalInfrastructureError(`redis-server exited with code ${code}: ${output}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  await fs.writeFile(portFile, String(port));
  log(`Embedded redis-server listening on 127.0.0.1:${port} (data in ${dataDir})`);

  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM'); // redis-server flushes the append-only file on SIGTERM
      }),
  };
}
