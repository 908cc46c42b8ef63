import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadConfig, mintToken, PiiCipher } from '@crm/core';
import { createApi } from '../../apps/api/src/create-api';

const run = promisify(execFile);

/** What a database holds, table by table: rows, and a digest of their content. */
export type Inventory = Map<string, { rows: number; digest: string }>;

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump refuses a server newer than itself, and a dump restores only into a server at least as
 * new: the tools on the PATH must be the server's major version.
 */
export async function checkToolsMatch(url: string): Promise<void> {
  const server = await withClient(url, async (client) => {
    const [row] = (await client.query('SHOW server_version_num')).rows as {
      server_version_num: string;
    }[];
    return Math.floor(Number(row.server_version_num) / 10_000);
  });
  for (const tool of ['pg_dump', 'pg_restore']) {
    const { stdout } = await run(tool, ['--version']);
    const major = Number(/(\d+)\.\d+/.exec(stdout)?.[1]);
    if (major !== server) {
      throw new Error(
        `${tool} is PostgreSQL ${major}, the server ${server}: install the client tools of the server's version (apt-get install postgresql-client-${server})`,
      );
    }
  }
}

/** A custom-format dump (compressed, restorable table by table, in parallel). */
export async function dump(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
}

/** Restores a dump into an empty database; the first error stops it. */
export async function restore(file: string, url: string): Promise<void> {
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', url, file]);
}

/** Every table of the schema, its row count and an MD5 of its rows in a stable order. */
export async function inventory(url: string): Promise<Inventory> {
  return withClient(url, async (client) => {
    const tables = (
      await client.query(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows as { table_name: string }[];
    const result: Inventory = new Map();
    for (const { table_name: table } of tables) {
      const [row] = (
        await client.query(
          `SELECT count(*)::int AS rows,
                  COALESCE(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS digest
             FROM "${table}" t`,
        )
      ).rows as { rows: number; digest: string }[];
      result.set(table, row);
    }
    return result;
  });
}

/** The tables whose rows or content differ between two inventories. */
export function differences(before: Inventory, after: Inventory): string[] {
  const problems: string[] = [];
  for (const [table, was] of before) {
    const now = after.get(table);
    if (!now) problems.push(`${table}: missing after the restore`);
    else if (now.rows !== was.rows)
      problems.push(`${table}: ${was.rows} rows before, ${now.rows} after`);
    else if (now.digest !== was.digest)
      problems.push(`${table}: same row count, different content`);
  }
  for (const table of after.keys()) {
    if (!before.has(table)) problems.push(`${table}: not in the source`);
  }
  return problems;
}

/**
 * Decrypts every encrypted value of every `*_encrypted` column with the service's key(s):
 * a backup whose personal data cannot be read back with the keys at hand is no backup.
 */
export async function decryptAll(
  url: string,
  cipher: PiiCipher,
): Promise<{ values: number; failures: string[] }> {
  return withClient(url, async (client) => {
    const columns = (
      await client.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name LIKE '%\\_encrypted' ORDER BY 1, 2`,
      )
    ).rows as { table_name: string; column_name: string }[];
    let values = 0;
    const failures: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const rows = (
        await client.query(
          `SELECT "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL`,
        )
      ).rows as { value: string }[];
      let failed = 0;
      for (const { value } of rows) {
        try {
          cipher.decrypt(value);
        } catch {
          failed += 1;
        }
      }
      values += rows.length;
      if (failed) failures.push(`${table}.${column}: ${failed} of ${rows.length} do not decrypt`);
    }
    return { values, failures };
  });
}

/**
 * Starts the service on a database (in this process, as production builds it, without the
 * worker: reading changes nothing) and reads `/health` and each given ticket through the API, as
 * an admin.
 */
export async function readThroughService(
  env: NodeJS.ProcessEnv,
  ticketIds: string[],
): Promise<{ health: string; tickets: Map<string, unknown>; problems: string[] }> {
  const config = loadConfig({ ...env, RUN_WORKER: 'false' });
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  const problems: string[] = [];
  const tickets = new Map<string, unknown>();
  try {
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const health = ((await (await fetch(`${base}/health`)).json()) as { status: string }).status;
    const token = await mintToken(config.auth.jwtSecret!, {
      sub: 'backup-check',
      role: 'admin',
      unit: 'diskominfo',
    });
    for (const id of ticketIds) {
      const answer = await fetch(`${base}/api/v1/complaints/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (answer.status !== 200) problems.push(`ticket ${id}: ${answer.status} through the API`);
      else tickets.set(id, await answer.json());
    }
    return { health, tickets, problems };
  } finally {
    await app.close();
  }
}

export async function ticketIds(url: string, limit?: number): Promise<string[]> {
  return withClient(url, async (client) =>
    (
      (
        await client.query(
          `SELECT id FROM complaints ORDER BY created_at, id ${limit ? `LIMIT ${Number(limit)}` : ''}`,
        )
      ).rows as { id: string }[]
    ).map((row) => row.id),
  );
}
