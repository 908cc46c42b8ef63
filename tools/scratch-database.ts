import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throwaway database on the same server as `url`, dropped by the returned function. */
export async function createScratchDatabase(
  url: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const dropper = new Client({ connectionString: admin.toString() });
      await dropper.connect();
      // A pool's end() resolves before its connections have closed; forcing the drop at once
      // would terminate them mid-goodbye, and pg reports that as an error on a pool with no one
      // left to listen (it crashed a benchmark). So give them a moment to leave first.
      for (let waited = 0; waited < 5_000; waited += 50) {
        const { rows } = await dropper.query(
          'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0].sessions === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
