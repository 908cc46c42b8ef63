/* Proves a real backup restores (docs/operations.md, "Backups"): restores a pg_dump file into a
 * fresh database on DATABASE_URL's server, decrypts every encrypted field with the service's key
 * (PII_ENCRYPTION_KEY, with PII_PREVIOUS_KEYS after a rotation), starts the service on the copy
 * and reads tickets through it. The copy is dropped afterwards unless --keep is given.
 * Usage: DATABASE_URL=postgres://… PII_ENCRYPTION_KEY=… AUTH_JWT_SECRET=… JAKI_WEBHOOK_SECRET=…
 *        REDIS_URL=redis://… npm run backup:verify -- FILE [--keep] [--read 1000] */
import { parseArgs } from 'node:util';
import { loadConfig, piiCipherFrom } from '@crm/core';
import {
  checkToolsMatch,
  decryptAll,
  inventory,
  readThroughService,
  restore,
  ticketIds,
} from './backup/restore-check';
import { createScratchDatabase } from './scratch-database';

const say = (message: string) => console.log(`[backup verify] ${message}`);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      keep: { type: 'boolean', default: false },
      read: { type: 'string', default: '1000' },
    },
  });
  const file = positionals[0];
  const serverUrl = process.env.DATABASE_URL;
  if (!file || !serverUrl) throw new Error('Usage: DATABASE_URL=… npm run backup:verify -- FILE');
  await checkToolsMatch(serverUrl);
  const copy = await createScratchDatabase(serverUrl, 'crm_restore_check');
  const problems: string[] = [];
  try {
    const started = Date.now();
    await restore(file, copy.url);
    say(`restored into ${new URL(copy.url).pathname.slice(1)} in ${Date.now() - started} ms`);
    const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: copy.url };
    const tables = await inventory(copy.url);
    for (const table of ['complaints', 'complaint_events', 'migrations']) {
      if (!tables.has(table)) problems.push(`${table}: not in the backup`);
    }
    const encrypted = await decryptAll(copy.url, piiCipherFrom(loadConfig(env).pii));
    problems.push(...encrypted.failures);
    const ids = await ticketIds(copy.url, Number(values.read));
    const read = await readThroughService(env, ids);
    problems.push(...read.problems);
    if (read.health !== 'ok') problems.push(`/health on the copy: ${read.health}`);
    say(
      `${tables.get('complaints')?.rows ?? 0} tickets, ${tables.get('complaint_events')?.rows ?? 0} events, ${encrypted.values} encrypted values in ${tables.size} tables; ${read.tickets.size} tickets read through the service`,
    );
  } finally {
    if (values.keep) say(`kept: ${copy.url}`);
    else await copy.drop();
  }
  if (problems.length) {
    console.error(
      `[backup verify] the backup does not hold:\n- ${problems.slice(0, 50).join('\n- ')}`,
    );
    process.exit(1);
  }
  say('the backup restores and reads back');
}

main().catch((error: unknown) => {
  console.error(`[backup verify] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
