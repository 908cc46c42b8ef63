/* The backup drill (docs/operations.md, "Backups"): a fresh database filled through the service —
 * complaints from JAKI and operators with phones and NIKs, routed by the worker — is dumped with
 * pg_dump, restored with pg_restore into another fresh database, and proven: every table's rows
 * and content equal, every encrypted field decrypts, and the service starts on the copy and reads
 * every ticket as it did before. Exits 1 on any difference. CI runs it at a small size.
 * Usage: DATABASE_URL=postgres://… [REDIS_URL=redis://…] [BACKUP_DRILL_TICKETS=200] npm run backup:drill */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataSourceOptions, loadConfig, mintToken, PiiCipher, prepareDatabaseAt } from '@crm/core';
import { startEmbeddedRedis } from '@crm/core/infra/embedded-redis';
import { seedReferenceData } from '@crm/reference';
import { RegistryImporter } from '@crm/registry';
import { seededRandom, syntheticRegistryLines } from '@crm/testing';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import {
  checkToolsMatch,
  decryptAll,
  differences,
  dump,
  inventory,
  readThroughService,
  restore,
  ticketIds,
} from './backup/restore-check';
import { createScratchDatabase } from './scratch-database';
import { throwawayServiceEnv } from './throwaway-service-env';

const say = (message: string) => console.log(`[backup drill] ${message}`);

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must name a PostgreSQL server to drill on');
  const count = Number(process.env.BACKUP_DRILL_TICKETS ?? 200);
  await checkToolsMatch(serverUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-backup-drill-'));
  const redis = process.env.REDIS_URL
    ? undefined
    : await startEmbeddedRedis(path.join(dir, 'redis'), say, { persistent: false });
  const source = await createScratchDatabase(serverUrl, 'crm_drill_source');
  const target = await createScratchDatabase(serverUrl, 'crm_drill_restored');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: source.url,
    REDIS_URL: process.env.REDIS_URL ?? redis!.url,
    ...throwawayServiceEnv('drill', dir),
  };
  try {
    await prepareDatabaseAt(source.url, [seedReferenceData]);
    await fill(env, count);
    await importRegistry(source.url, env, count);
    const ids = await ticketIds(source.url);
    const before = await inventory(source.url);
    const readBefore = await readThroughService(env, ids);

    const file = path.join(dir, 'crm.dump');
    let started = Date.now();
    await dump(source.url, file);
    say(`pg_dump: ${statSync(file).size} bytes in ${Date.now() - started} ms`);
    started = Date.now();
    await restore(file, target.url);
    say(`pg_restore into a fresh database in ${Date.now() - started} ms`);

    const problems = differences(before, await inventory(target.url));
    const cipher = PiiCipher.fromHex('k1', env.PII_ENCRYPTION_KEY!);
    const encrypted = await decryptAll(target.url, cipher);
    problems.push(...encrypted.failures);
    // The check must be able to fail: with any other key nothing decrypts.
    const stranger = PiiCipher.fromHex('k1', randomBytes(32).toString('hex'));
    if (!(await decryptAll(target.url, stranger)).failures.length) {
      problems.push('values decrypt with a random key: the decryption check proves nothing');
    }
    const readAfter = await readThroughService({ ...env, DATABASE_URL: target.url }, ids);
    problems.push(...readAfter.problems);
    if (readAfter.health !== 'ok')
      problems.push(`/health on the restored copy: ${readAfter.health}`);
    for (const id of ids) {
      if (
        JSON.stringify(readAfter.tickets.get(id)) !== JSON.stringify(readBefore.tickets.get(id))
      ) {
        problems.push(`ticket ${id} reads differently through the API after the restore`);
      }
    }
    const rows = (table: string) => before.get(table)?.rows ?? 0;
    if (rows('complaints') < count)
      problems.push(`only ${rows('complaints')} tickets were written`);
    if (encrypted.values === 0)
      problems.push('no encrypted value to check: the drill proves nothing');
    say(
      `${rows('complaints')} tickets, ${rows('complaint_events')} events, ${encrypted.values} encrypted values and ${before.size} tables compared; ${ids.length} tickets read through the restored service`,
    );
    if (problems.length) {
      console.error(`[backup drill] the restore differs:\n- ${problems.slice(0, 50).join('\n- ')}`);
      process.exitCode = 1;
    } else {
      say('the restore holds everything the source held');
    }
  } finally {
    await source.drop();
    await target.drop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Complaints through the API, as the channels send them: JAKI pushes with the reporter's phone
 * and operators' entries with a NIK; then waits until the worker has routed every one.
 */
async function fill(env: NodeJS.ProcessEnv, count: number): Promise<void> {
  const config = loadConfig(env);
  const app = await createApi(config);
  await app.listen(0, '127.0.0.1');
  try {
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const operator = await mintToken(config.auth.jwtSecret!, {
      sub: 'drill-operator',
      role: 'operator',
      unit: 'diskominfo',
      channels: ['sms'],
    });
    for (let i = 0; i < count; i++) {
      const answer =
        i % 2 === 0
          ? await post(base, '/api/v1/channels/jaki/complaints', jakiPush(i), {
              'X-Jaki-Signature': `sha256=${createHmac('sha256', env.JAKI_WEBHOOK_SECRET!)
                .update(JSON.stringify(jakiPush(i)))
                .digest('hex')}`,
            })
          : await post(base, '/api/v1/complaints', operatorEntry(i), {
              Authorization: `Bearer ${operator}`,
            });
      if (answer.status !== 201) {
        throw new Error(`complaint ${i}: ${answer.status} ${await answer.text()}`);
      }
    }
    const db = new DataSource(dataSourceOptions(env.DATABASE_URL!));
    await db.initialize();
    try {
      // Settled: every ticket routed, every outbox row relayed, and no notice written for a
      // second (the jobs after routing write them).
      let last = '';
      for (const deadline = Date.now() + 120_000; ;) {
        const [row] = (await db.query(
          `SELECT (SELECT count(*) FROM complaints WHERE status = 'diterima')::int AS unrouted,
                  (SELECT count(*) FROM outbox_messages WHERE relayed_at IS NULL)::int AS unrelayed,
                  (SELECT count(*) FROM notifications)::int AS notices`,
        )) as { unrouted: number; unrelayed: number; notices: number }[];
        const now = JSON.stringify(row);
        if (row.unrouted === 0 && row.unrelayed === 0 && now === last) break;
        if (Date.now() > deadline) throw new Error(`the service never settled: ${now}`);
        last = now;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    } finally {
      await db.destroy();
    }
  } finally {
    await app.close();
  }
}

/** Registry rows (P3KE), whose NIK and KK are stored encrypted, through the service's importer. */
async function importRegistry(url: string, env: NodeJS.ProcessEnv, rows: number): Promise<void> {
  const db = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const codes = (
      (await db.query(`SELECT code FROM regions WHERE level = 'kelurahan'`)) as {
        code: string;
      }[]
    ).map(({ code }) => code);
    const importer = new RegistryImporter(
      db,
      PiiCipher.fromHex('k1', env.PII_ENCRYPTION_KEY!),
      new Set(codes),
    );
    const lines = syntheticRegistryLines(rows, seededRandom(7), codes);
    await importer.import(
      Readable.from(
        (function* () {
          for (const line of lines) yield `${line}\n`;
        })(),
      ),
    );
  } finally {
    await db.destroy();
  }
}

function post(base: string, route: string, body: object, headers: Record<string, string>) {
  return fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function jakiPush(i: number) {
  return {
    externalId: `DRILL-${i}`,
    reportedAt: '2026-11-20T08:15:00+07:00',
    reporter: { name: `Pelapor ${i}`, phone: `0812${String(10_000_000 + i)}` },
    description: `Saluran air tersumbat di gang ${i}, air meluap ke jalan`,
    category: 'lainnya',
    location: { lat: -6.1754 + (i % 50) * 0.0004, lon: 106.8272 },
  };
}

function operatorEntry(i: number) {
  return {
    channel: 'sms',
    reporter: { name: `Warga ${i}`, phone: `0813${String(20_000_000 + i)}`, nik: nik(i) },
    description: `Lampu jalan padam sejak kemarin malam di RT ${i % 20}`,
    category: 'lainnya',
    address: 'Jl. Medan Merdeka Barat, Gambir',
  };
}

/** A NIK of Jakarta Pusat (31.71), born 1 January 1980, with the serial i. */
function nik(i: number): string {
  return `317101010180${String(1 + (i % 9999)).padStart(4, '0')}`;
}

main().catch((error: unknown) => {
  console.error(`[backup drill] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
