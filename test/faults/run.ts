/* npm run test:faults — the fault suite (docs/reliability.md). Starts its own PostgreSQL and Redis
 * (own data directories and ports) and the built API and worker as two processes, injects each
 * fault under load over loopback, and checks the outcome in the database. Prints one line of
 * counts per scenario; exits 1 if any scenario fails. */
import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { Pool } from 'pg';
import { prepareDatabaseAt } from '@crm/core';
import { findFreePort } from '@crm/core/infra/free-port';
import { seedReferenceData } from '@crm/reference';
import { OwnPostgres, OwnRedis, OwnService, scratchDirectory, until } from './infrastructure';

interface Outcome {
  externalId: string;
  status: number; // 0: no answer
  /** Why the last attempt got no answer: ECONNREFUSED (never taken), else cut off or timed out. */
  failure?: string;
  attempts: number;
  statuses: number[];
  retryAfterMissing: number;
  /** Milliseconds from the first attempt to the last answer. */
  ms: number;
}

interface Scenario {
  name: string;
  passed: boolean;
  counts: Record<string, number>;
  problems: string[];
}

const CONCURRENCY = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `count` signed JAKI pushes, `CONCURRENCY` at a time; `onProgress` sees each answer. */
async function jakiLoad(
  service: OwnService,
  count: number,
  options: { retryUntilAccepted?: boolean; onAnswer?: (answered: number) => void } = {},
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  /** One push's body, built once: a retry must send the same bytes, as a real client does. */
  const bodyOf = (externalId: string) =>
    JSON.stringify({
      externalId,
      reporter: { name: 'Warga Uji Gangguan', phone: '081200000000' },
      description: 'Saluran air tersumbat, uji ketahanan layanan',
      category: 'air-bersih-sanitasi',
      location: { lat: -6.1754 + Math.random() * 0.01, lon: 106.8272 + Math.random() * 0.01 },
    });
  const send = async (
    raw: string,
  ): Promise<{ status: number; retryAfter: boolean; failure?: string }> => {
    const signature = createHmac('sha256', service.env.JAKI_WEBHOOK_SECRET)
      .update(raw)
      .digest('hex');
    try {
      const res = await fetch(`${service.baseUrl}/api/v1/channels/jaki/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-jaki-signature': `sha256=${signature}` },
        body: raw,
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.has('retry-after') };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; name?: string } }).cause;
      const failure = cause?.code ?? cause?.name ?? (error as Error).name;
      return { status: 0, retryAfter: false, failure };
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        const outcome: Outcome = {
          externalId: `FAULT-${randomUUID()}`,
          status: 0,
          attempts: 0,
          statuses: [],
          retryAfterMissing: 0,
          ms: 0,
        };
        const raw = bodyOf(outcome.externalId);
        const started = performance.now();
        for (;;) {
          const { status, retryAfter, failure } = await send(raw);
          outcome.failure = failure;
          outcome.attempts++;
          outcome.statuses.push(status);
          if (status === 503 && !retryAfter) outcome.retryAfterMissing++;
          outcome.status = status;
          const accepted = status >= 200 && status < 300;
          if (accepted || !options.retryUntilAccepted || outcome.attempts >= 60) break;
          await sleep(500); // a client backing off, then retrying with the same externalId
        }
        outcome.ms = performance.now() - started;
        outcomes.push(outcome);
        options.onAnswer?.(outcomes.length);
      }
    }),
  );
  return outcomes;
}

/** What the database holds for the acknowledged pushes. */
async function inDatabase(db: Pool, externalIds: string[]) {
  const [row] = (
    await db.query(
      `WITH t AS (SELECT id, routed_at, due_at, sla_clock, status FROM complaints
                   WHERE channel_code = 'jaki' AND external_id = ANY($1))
       SELECT (SELECT count(*) FROM t)::int AS persisted,
              (SELECT count(*) FROM t WHERE routed_at IS NOT NULL)::int AS routed,
              (SELECT count(*) FROM t WHERE due_at IS NOT NULL)::int AS clocks,
              (SELECT count(*) FROM complaint_events e JOIN t ON t.id = e.complaint_id
                WHERE e.type IN ('routed', 'held-for-review'))::int AS routing_events,
              (SELECT count(*) FROM notifications n JOIN t ON t.id = n.complaint_id
                WHERE n.kind = 'acknowledgement')::int AS acknowledgements,
              (SELECT count(*) FROM notifications n JOIN t ON t.id = n.complaint_id
                WHERE n.kind = 'assignment' AND n.status IN ('delivered', 'logged'))::int AS notices,
              -- Every notice ends: a unit's delivered (or logged), the reporter's sent to JAKI.
              (SELECT count(*) FROM notifications n JOIN t ON t.id = n.complaint_id
                WHERE n.status NOT IN ('delivered', 'logged', 'sent'))::int AS undelivered,
              (SELECT count(*) FROM notifications n JOIN t ON t.id = n.complaint_id
                WHERE n.recipient_unit_code IS NULL AND n.status = 'sent')::int AS reporter_sent`,
      [externalIds],
    )
  ).rows as Record<string, number>[];
  return row;
}

/** Every acknowledged push stored once, routed once, its clock set and its notices sent once. */
async function checkOutcome(
  name: string,
  db: Pool,
  outcomes: Outcome[],
  extra: Record<string, number> = {},
  problems: string[] = [],
): Promise<Scenario> {
  const acknowledged = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const ids = acknowledged.map((o) => o.externalId);
  let state = await inDatabase(db, ids);
  try {
    await until(
      'every acknowledged complaint routed, with its clock and notices',
      async () => {
        state = await inDatabase(db, ids);
        return state.routed === ids.length && state.undelivered === 0;
      },
      120_000,
    );
  } catch (error) {
    problems.push((error as Error).message);
  }
  const counts = {
    sent: outcomes.length,
    acknowledged: acknowledged.length,
    persisted: state.persisted,
    routed: state.routed,
    clocksSet: state.clocks,
    routingEvents: state.routing_events,
    acknowledgements: state.acknowledgements,
    unitNoticesSent: state.notices,
    reporterNoticesSent: state.reporter_sent,
    undeliveredNotices: state.undelivered,
    duplicates: state.persisted - ids.length + (state.routing_events - state.routed),
    // Any 5xx but the 503 of an unavailable dependency is a defect.
    status500: outcomes.filter((o) => o.statuses.some((s) => s >= 500 && s !== 503)).length,
    // Given up: never accepted, though the client retried (a 409 here would mean the first
    // attempt was stored but its answer lost, and the retry was not recognised as the same).
    givenUp: outcomes.filter((o) => o.attempts > 1 && !(o.status >= 200 && o.status < 300)).length,
    ...extra,
  };
  if (counts.persisted !== ids.length) problems.push('an acknowledged complaint is missing');
  if (counts.routed !== ids.length) problems.push('an acknowledged complaint was not routed');
  if (counts.clocksSet !== ids.length) problems.push('a routed complaint has no SLA clock');
  if (counts.routingEvents !== ids.length)
    problems.push('routing took effect more or less than once');
  if (counts.acknowledgements !== ids.length) problems.push('acknowledgements ≠ one per complaint');
  if (counts.unitNoticesSent !== ids.length) problems.push('unit notices ≠ one per complaint');
  // At least the acknowledgement, for each (a placed complaint's placement too).
  if (counts.reporterNoticesSent < ids.length) problems.push('a reporter was not told');
  if (counts.status500) problems.push('the API answered a 5xx other than 503');
  if (counts.givenUp) problems.push('a retrying client never had its push accepted');
  return { name, passed: problems.length === 0, counts, problems };
}

async function main(): Promise<void> {
  const root = scratchDirectory();
  const pg = await OwnPostgres.create(root);
  const redis = await OwnRedis.create(root);
  await prepareDatabaseAt(pg.url(), [seedReferenceData]);
  const service = new OwnService(pg, redis, await findFreePort());
  const callback = await JakiCallback.start(service.env.JAKI_WEBHOOK_SECRET);
  service.env.JAKI_CALLBACK_URL = callback.url;
  await service.startApi();
  service.startWorker();
  const db = new Pool({ connectionString: pg.url(), max: 4 });
  db.on('error', () => undefined); // the pool survives the PostgreSQL restart below
  const results: Scenario[] = [];
  const report = (scenario: Scenario) => {
    // A process that died on its own is a defect even when the counts come out right.
    if (service.worker?.exitCode !== null) scenario.problems.push('the worker exited by itself');
    if (!scenario.name.startsWith('SIGTERM') && service.api?.exitCode !== null) {
      scenario.problems.push('the API exited by itself');
    }
    scenario.passed = scenario.problems.length === 0;
    results.push(scenario);
    const counts = Object.entries(scenario.counts)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    console.log(`[faults] ${scenario.passed ? 'PASS' : 'FAIL'} ${scenario.name}: ${counts}`);
    for (const problem of scenario.problems) console.log(`[faults]      ${problem}`);
  };
  try {
    // 1. kill -9 Redis during 2,000 JAKI intakes, then start it again.
    {
      let killed = false;
      const outcomes = await jakiLoad(service, 2_000, {
        onAnswer: (answered) => {
          if (answered === 400 && !killed) {
            killed = true;
            redis.kill9();
            setTimeout(() => void redis.start(), 3_000);
          }
        },
      });
      report(await checkOutcome('kill -9 Redis during 2,000 JAKI intakes', db, outcomes));
    }

    // 2. kill -9 the worker while it processes, then start it again.
    {
      let killed = false;
      const outcomes = await jakiLoad(service, 1_000, {
        onAnswer: (answered) => {
          if (answered === 200 && !killed) {
            killed = true;
            service.worker!.kill('SIGKILL');
          }
        },
      });
      await sleep(2_000);
      service.startWorker();
      report(await checkOutcome('kill -9 the worker during processing', db, outcomes));
    }

    // 3. Restart PostgreSQL under load; clients retry with the same external id.
    {
      let restarted = false;
      let healthDown = 0;
      let healthUpAgain = 0;
      const problems: string[] = [];
      const load = jakiLoad(service, 1_500, {
        retryUntilAccepted: true,
        onAnswer: (answered) => {
          if (answered !== 300 || restarted) return;
          restarted = true;
          void (async () => {
            await pg.stop();
            await until('/health to report the database down', async () => {
              const res = await fetch(`${service.baseUrl}/health`);
              return res.status === 503;
            });
            healthDown = 1;
            await sleep(3_000);
            await pg.start();
            await until(
              '/health to come back',
              async () => (await fetch(`${service.baseUrl}/health`)).ok,
            );
            healthUpAgain = 1;
          })().catch((error: Error) => problems.push(error.message));
        },
      });
      const outcomes = await load;
      await until('the restart to finish', async () => healthUpAgain === 1 || problems.length > 0);
      const retried = outcomes.filter((o) => o.attempts > 1).length;
      const unavailable = outcomes.reduce(
        (n, o) => n + o.statuses.filter((s) => s === 503).length,
        0,
      );
      const missingRetryAfter = outcomes.reduce((n, o) => n + o.retryAfterMissing, 0);
      if (missingRetryAfter) problems.push('a 503 came without Retry-After');
      if (!unavailable) problems.push('no request met the restart: nothing was tested');
      if (!healthDown) problems.push('/health never reported the database down');
      report(
        await checkOutcome(
          'restart PostgreSQL during load (clients retry)',
          db,
          outcomes,
          {
            retriedRequests: retried,
            answers503: unavailable,
            noAnswer: outcomes.reduce((n, o) => n + o.statuses.filter((s) => s === 0).length, 0),
            healthDown,
            healthUpAgain,
          },
          problems,
        ),
      );
    }

    // 4. SIGTERM to the API under load: what it accepted finishes, and it exits 0.
    {
      let exitCode: number | null = -1;
      let terminated = false;
      const outcomes = await jakiLoad(service, 600, {
        onAnswer: (answered) => {
          if (answered === 200 && !terminated) {
            terminated = true;
            void OwnService.stop(service.api, 'SIGTERM').then((code) => (exitCode = code));
          }
        },
      });
      await until('the API to exit', async () => exitCode !== -1, 30_000);
      const answered = outcomes.filter((o) => o.status !== 0).length;
      // Refused: sent after the API stopped listening. Reset: sent on a keep-alive connection
      // as the closing server shut it, before the request was read (HTTP's own race; the client
      // retries with the same external id). A reset request that was stored, though, had been
      // taken and was not answered: that is the failure this scenario looks for.
      const refused = outcomes.filter((o) => o.status === 0 && o.failure === 'ECONNREFUSED');
      const reset = outcomes.filter((o) => o.status === 0 && o.failure !== 'ECONNREFUSED');
      const takenUnanswered = reset.length
        ? (
            await inDatabase(
              db,
              reset.map((o) => o.externalId),
            )
          ).persisted
        : 0;
      const problems: string[] = [];
      const failedInFlight = outcomes.filter((o) => o.status >= 500).length;
      if (exitCode !== 0) problems.push(`the API exited with ${exitCode}`);
      if (failedInFlight) problems.push('a request the API had taken was answered with 5xx');
      if (takenUnanswered) {
        problems.push(`${takenUnanswered} requests the API had taken (stored) got no answer`);
      }
      report(
        await checkOutcome(
          'SIGTERM to the API under load',
          db,
          outcomes,
          {
            answered,
            refusedAfterStop: refused.length,
            resetBeforeRead: reset.length - takenUnanswered,
            takenUnanswered,
            exitCode: exitCode ?? -1,
          },
          problems,
        ),
      );
    }

    // 5. JAKI's callback receiver down for a while under load: intake does not wait for it, and
    // once it is back every reporter's notice arrives, in order, none lost, none twice in effect.
    {
      await service.startApi(); // stopped by the scenario before
      const baseline = await jakiLoad(service, 500);
      callback.deliveries.length = 0;
      await callback.down();
      const during = await jakiLoad(service, 1_000);
      await sleep(20_000);
      await callback.up();
      const outcomes = [...baseline, ...during];
      const scenario = await checkOutcome(
        'JAKI’s callback down for 20 s under load',
        db,
        outcomes,
        {
          intakeP95MsReceiverUp: percentile(baseline, 0.95),
          intakeP95MsReceiverDown: percentile(during, 0.95),
        },
      );
      const ids = new Set(during.filter((o) => o.status === 201).map((o) => o.externalId));
      const received = callback.deliveries.filter((d) => ids.has(d.externalId));
      const distinct = new Set(received.map((d) => `${d.externalId}/${d.version}`));
      const outOfOrder = [...ids].filter((id) => {
        const versions = received.filter((d) => d.externalId === id).map((d) => d.version);
        return versions.some((v, i) => i > 0 && v < versions[i - 1]);
      }).length;
      Object.assign(scenario.counts, {
        callbackDeliveries: received.length,
        callbackDistinct: distinct.size,
        callbackRepeats: received.length - distinct.size,
        callbackOutOfOrder: outOfOrder,
        badSignatures: callback.badSignatures,
      });
      const { sent } = (
        await db.query(
          `SELECT count(*)::int AS sent FROM notifications n JOIN complaints c ON c.id = n.complaint_id
            WHERE c.channel_code = 'jaki' AND c.external_id = ANY($1)
              AND n.recipient_unit_code IS NULL AND n.status = 'sent'`,
          [[...ids]],
        )
      ).rows[0] as { sent: number };
      Object.assign(scenario.counts, { reporterNoticesOfOutage: sent });
      if (distinct.size !== sent || sent < ids.size) {
        scenario.problems.push('JAKI did not receive every reporter notice written');
      }
      if (outOfOrder) scenario.problems.push('a reporter’s messages arrived out of order');
      if (callback.badSignatures) scenario.problems.push('a callback carried a wrong signature');
      report(scenario);
    }
  } finally {
    await callback.stop();
    await db.end();
    await OwnService.stop(service.worker, 'SIGTERM');
    await OwnService.stop(service.api, 'SIGTERM');
    await redis.stop();
    await pg.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
  const failed = results.filter((scenario) => !scenario.passed);
  console.log(`[faults] ${results.length - failed.length}/${results.length} scenarios passed`);
  process.exit(failed.length ? 1 : 0);
}

/** The `q` quantile of the outcomes' answer times, in whole milliseconds. */
function percentile(outcomes: Outcome[], q: number): number {
  const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
}

/**
 * JAKI's callback receiver: checks each message's signature and keeps `(externalId, version)`;
 * `down` stops it listening (connections are refused), `up` listens again on the same port.
 */
class JakiCallback {
  readonly deliveries: { externalId: string; version: number }[] = [];
  badSignatures = 0;
  private server: Server;

  private constructor(
    private readonly secret: string,
    private readonly port: number,
  ) {
    this.server = this.create();
  }

  static async start(secret: string): Promise<JakiCallback> {
    const callback = new JakiCallback(secret, await findFreePort());
    await callback.up();
    return callback;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/crm`;
  }

  up(): Promise<void> {
    this.server = this.create();
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  down(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  stop(): Promise<void> {
    return this.server.listening ? this.down() : Promise.resolve();
  }

  private create(): Server {
    return createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const expected = createHmac('sha256', this.secret).update(body).digest('hex');
        if (req.headers['x-crm-signature'] !== `sha256=${expected}`) this.badSignatures++;
        const message = JSON.parse(body) as { externalId: string; version: number };
        this.deliveries.push({ externalId: message.externalId, version: message.version });
        res.writeHead(204).end();
      });
    });
  }
}

main().catch((error: Error) => {
  console.error('[faults]', error);
  process.exit(1);
});
