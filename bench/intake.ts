import autocannon from 'autocannon';
import { createHmac, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { mintToken } from '@crm/core';
import { newTrackingNumber } from '@crm/tickets';
import { cpuMeter, cpuMsEach, percentile, Report } from './support';
import { RunningService, startService } from './service';

const CONNECTIONS = 50;
const DURATION_S = 20;
/** Throughput runs send a fixed number of requests, so that every response is counted. */
const REQUESTS = 10_000;

const body = (externalId: string) => ({
  externalId,
  reporter: { name: 'Warga Uji', phone: '081200000000' },
  description: 'Saluran air tersumbat di depan rumah, mohon ditindaklanjuti',
  category: 'air-bersih-sanitasi',
  location: { lat: -6.1754 + Math.random() * 0.01, lon: 106.8272 + Math.random() * 0.01 },
});

/**
 * Intake under load (autocannon, 50 connections, 10,000 requests each) for operator and JAKI
 * posts; the raw ceiling of the same three inserts in one transaction with plain `pg` at the same
 * concurrency for 20 s; and the time from a JAKI push to its ticket carrying its kelurahan at
 * 200 requests/s.
 */
export async function benchIntake(report: Report): Promise<void> {
  const service = await startService();
  try {
    // The ceiling first, on an idle service (so it is not lowered by routing work); then routing
    // latency on empty queues; then throughput, while the worker routes what arrives.
    await rawCeiling(service, report);
    await jakiToRouted(service, report);
    await operatorIntake(service, report);
    await jakiIntake(service, report);
    await drained(service, report, 'backlog after the two runs above');
    // The API alone, routing deferred: what intake costs without the worker sharing the cores.
    service.pauseWorker();
    await jakiIntake(service, report, ' (worker paused)');
    service.resumeWorker();
    await drained(service, report, 'backlog of the paused run, worker resumed', REQUESTS);
    report.row('intake', 'API resident memory after the intake runs', {
      rssMiB: Math.round(service.rssMiB()),
    });
  } catch (error) {
    console.error('[bench] intake failed:', error);
    throw error;
  } finally {
    await service.stop();
  }
}

async function rawCeiling(service: RunningService, report: Report): Promise<void> {
  const pool = new Pool({ connectionString: service.databaseUrl, max: CONNECTIONS });
  const latencies: number[] = [];
  let done = 0;
  const cpu = cpuMeter(service.pid, service.workerPid);
  const until = Date.now() + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const id = randomUUID();
          await client.query(
            `INSERT INTO complaints (id, tracking_number, channel_code, external_id, request_hash, status,
               category_code, description, reporter_name, lat, lon, reported_at, created_by, created_by_role, version)
             VALUES ($1, $2, 'jaki', $3, $4, 'menunggu', 'air-bersih-sanitasi', $5, 'Warga Uji', -6.17, 106.82, now(), 'jaki', 'operator', 1)
             ON CONFLICT DO NOTHING`,
            [id, newTrackingNumber(), `raw-${id}`, '0'.repeat(64), 'Saluran air tersumbat'],
          );
          await client.query(
            `INSERT INTO complaint_events (complaint_id, type, actor_sub, actor_role, to_status) VALUES ($1, 'received', 'jaki', 'operator', 'menunggu')`,
            [id],
          );
          await client.query(
            // A queue no worker serves, so that these rows only cost their insert.
            `INSERT INTO outbox_messages (queue, job_name, job_id, payload) VALUES ('bench', 'none', $1, '{}')`,
            [`raw:${id}`],
          );
          await client.query('COMMIT');
          done++;
          latencies.push(performance.now() - t0);
        } finally {
          client.release();
        }
      }
    }),
  );
  const used = cpu();
  // Nobody serves the 'bench' queue: left pending, these rows would make every relay pass of the
  // runs below wade through them (the relay reads pending rows in id order).
  await pool.query(`DELETE FROM outbox_messages WHERE queue = 'bench'`);
  await pool.end();
  report.row(
    'intake',
    `raw ceiling: plain pg, same 3 inserts per transaction, ${CONNECTIONS} concurrent`,
    {
      perSecond: Math.round(done / DURATION_S),
      p50ms: percentile(latencies, 50),
      p99ms: percentile(latencies, 99),
      ...cpuMsEach(used, done),
    },
  );
}

/** Waits until every ticket is routed; reports how long that took and that none is missing. */
async function drained(
  service: RunningService,
  report: Report,
  label: string,
  backlog?: number,
): Promise<void> {
  const pool = new Pool({ connectionString: service.databaseUrl, max: 1 });
  const cpu = cpuMeter(service.pid, service.workerPid);
  const started = performance.now();
  let pending = 0;
  for (;;) {
    const { rows } = await pool.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM complaints WHERE routed_at IS NULL AND external_id NOT LIKE 'raw-%'`,
    );
    pending = rows[0].pending;
    if (pending === 0 || performance.now() - started > 300_000) break;
    // Each count reads the whole table: once a second keeps it out of the CPU measured.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const { rows } = await pool.query<{ routed: number }>(
    `SELECT count(*)::int AS routed FROM complaints WHERE routed_at IS NOT NULL AND external_id NOT LIKE 'raw-%'`,
  );
  await pool.end();
  const used = cpu();
  report.row('intake', `routing: ${label}`, {
    secondsToDrain: (performance.now() - started) / 1000,
    ticketsRouted: rows[0].routed,
    stillUnrouted: pending,
    // Only a backlog routed while nothing else ran says what routing one ticket costs.
    ...(backlog ? cpuMsEach(used, backlog) : {}),
  });
}

async function countTickets(service: RunningService, channel: string): Promise<number> {
  const pool = new Pool({ connectionString: service.databaseUrl, max: 1 });
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM complaints WHERE channel_code = $1',
    [channel],
  );
  await pool.end();
  return rows[0].n;
}

async function load(
  service: RunningService,
  label: string,
  channel: string,
  request: autocannon.Request,
  report: Report,
): Promise<void> {
  const before = await countTickets(service, channel);
  const cpu = cpuMeter(service.pid, service.workerPid);
  const result = await autocannon({
    url: service.baseUrl,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: [request],
  });
  const used = cpu();
  const stored = (await countTickets(service, channel)) - before;
  report.row('intake', label, {
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    created201: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ticketsStored: stored,
    // With the worker routing meanwhile, its CPU covers the tickets it routed in the window.
    ...cpuMsEach(used, result['2xx']),
  });
}

async function operatorIntake(service: RunningService, report: Report): Promise<void> {
  const token = await mintToken(service.env.AUTH_JWT_SECRET, {
    sub: 'bench-operator',
    role: 'operator',
    unit: 'diskominfo',
    channels: ['sms'],
  });
  await load(
    service,
    `operator POST /api/v1/complaints, ${CONNECTIONS} connections, ${REQUESTS} requests`,
    'sms',
    operatorSms(token),
    report,
  );
}

/** An operator's SMS complaint with a new external id each time; `fields` replace the body's. */
export function operatorSms(token: string, fields: object = {}): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/v1/complaints',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    setupRequest: (req) => ({
      ...req,
      body: JSON.stringify({
        ...body(`sms-${randomUUID()}`),
        channel: 'sms',
        details: { senderNumber: '081200000000' },
        ...fields,
      }),
    }),
  };
}

export function signedJaki(secret: string): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/v1/channels/jaki/complaints',
    setupRequest: (req) => {
      const raw = JSON.stringify(body(`jaki-${randomUUID()}`));
      const signature = createHmac('sha256', secret).update(raw).digest('hex');
      return {
        ...req,
        body: raw,
        headers: { 'content-type': 'application/json', 'x-jaki-signature': `sha256=${signature}` },
      };
    },
  };
}

async function jakiIntake(service: RunningService, report: Report, variant = ''): Promise<void> {
  await load(
    service,
    `JAKI POST /api/v1/channels/jaki/complaints, ${CONNECTIONS} connections, ${REQUESTS} requests${variant}`,
    'jaki',
    signedJaki(service.env.JAKI_WEBHOOK_SECRET),
    report,
  );
}

/** Pushes per second in the JAKI-to-routed run (BENCH_ROUTED_RATE; 200 by default). */
const ROUTED_RATE = Number(process.env.BENCH_ROUTED_RATE ?? 200);

/**
 * `npm run bench -- routed`: the ceiling and the JAKI-to-routed latency alone (at
 * BENCH_ROUTED_RATE), to compare two builds at a rate both sustain.
 */
export async function benchRouted(report: Report): Promise<void> {
  const service = await startService();
  try {
    await rawCeiling(service, report);
    await jakiToRouted(service, report);
  } finally {
    await service.stop();
  }
}

async function jakiToRouted(service: RunningService, report: Report): Promise<void> {
  const startedAt = new Date();
  const result = await autocannon({
    url: service.baseUrl,
    connections: 20,
    overallRate: ROUTED_RATE,
    duration: 15,
    requests: [signedJaki(service.env.JAKI_WEBHOOK_SECRET)],
  });
  // Let the last jobs finish, then read the delay from the commit of the intake to the routing.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const pool = new Pool({ connectionString: service.databaseUrl, max: 1 });
  const { rows } = await pool.query<{ ms: number | null; relayMs: number | null }>(
    `SELECT extract(epoch FROM (c.routed_at - c.created_at)) * 1000 AS ms,
            extract(epoch FROM (m.relayed_at - c.created_at)) * 1000 AS "relayMs"
       FROM complaints c JOIN outbox_messages m ON m.job_id = 'route:' || c.id
      WHERE c.channel_code = 'jaki' AND c.created_at >= $1`,
    [startedAt],
  );
  await pool.end();
  const delays = rows.filter((row) => row.ms !== null).map((row) => Number(row.ms));
  const relayDelays = rows.filter((row) => row.relayMs !== null).map((row) => Number(row.relayMs));
  report.row(
    'intake',
    `JAKI push → ticket routed to its kelurahan, at ${ROUTED_RATE} requests/s for 15 s`,
    {
      requestsPerSecond: Math.round(result.requests.average),
      tickets: rows.length,
      routed: delays.length,
      p50ms: percentile(delays, 50),
      p95ms: percentile(delays, 95),
      p99ms: percentile(delays, 99),
      p95msToQueue: percentile(relayDelays, 95),
    },
  );
}
