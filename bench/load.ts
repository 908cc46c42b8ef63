import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { dataSourceOptions, mintToken } from '@crm/core';
import { writeSyntheticTickets } from '@crm/testing';
import { operatorSms, signedJaki } from './intake';
import { mulberry32, percentile, Report } from './support';
import { RunningService, startService } from './service';

/** Tickets in the database before the load (BENCH_LOAD_TICKETS; CI uses fewer). */
const TICKETS = Number(process.env.BENCH_LOAD_TICKETS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const GAMBIR = '31.71.01.1001';

/**
 * The API under each kind of traffic alone, then all of them at once in a realistic mix: reads
 * dominate (kelurahan staff and Diskominfo listing and opening tickets), intake arrives from JAKI
 * and the operators, dashboards refresh. 50 connections in all, split by the mix.
 */
export async function benchLoad(report: Report): Promise<void> {
  const service = await startService();
  const dataSource = await new DataSource(dataSourceOptions(service.databaseUrl)).initialize();
  try {
    const to = new Date();
    await writeSyntheticTickets(dataSource, {
      count: TICKETS,
      seed: 11,
      from: new Date(to.getTime() - 365 * 86_400_000),
      to,
    });
    await dataSource.query('ANALYZE');
    const ids = (
      (await dataSource.query(`SELECT id FROM complaints ORDER BY random() LIMIT 5000`)) as {
        id: string;
      }[]
    ).map((row) => row.id);
    const kinds = await trafficKinds(service, ids);

    for (const [name, kind] of Object.entries(kinds)) {
      report.row(
        'load',
        `${name} alone, 50 connections, ${DURATION_S} s`,
        await run(service, [[kind, 50]]),
      );
    }
    const mix: [autocannon.Request, number][] = [
      [kinds['list (kelurahan and Diskominfo)'], 15],
      [kinds['detail (Diskominfo)'], 15],
      [kinds['JAKI intake'], 10],
      [kinds['operator intake'], 5],
      [kinds['dashboard summary and regions'], 5],
    ];
    report.row(
      'load',
      `mixed: list 15, detail 15, JAKI 10, operator 5, dashboard 5 connections, ${DURATION_S} s`,
      await run(service, mix),
    );
    report.row('load', 'API resident memory after the load runs', {
      rssMiB: Math.round(service.rssMiB()),
    });
  } finally {
    await dataSource.destroy();
    await service.stop();
  }
}

async function trafficKinds(
  service: RunningService,
  ids: string[],
): Promise<Record<string, autocannon.Request>> {
  const secret = service.env.AUTH_JWT_SECRET;
  const token = (role: string, unit: string, channels?: string[]) =>
    mintToken(secret, { sub: `bench-${role}-${unit}`, role: role as never, unit, channels });
  const [lurah, diskominfo, operator, dashboard] = await Promise.all([
    token('unit', GAMBIR),
    token('diskominfo', 'diskominfo'),
    token('operator', 'diskominfo', ['sms']),
    token('dashboard', 'diskominfo'),
  ]);
  const random = mulberry32(3);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const get = (auth: string, path: () => string): autocannon.Request => ({
    method: 'GET',
    setupRequest: (req) => ({ ...req, path: path(), headers: { authorization: `Bearer ${auth}` } }),
  });
  return {
    'list (kelurahan and Diskominfo)': {
      method: 'GET',
      setupRequest: (req) =>
        random() < 0.5
          ? {
              ...req,
              path: `/api/v1/complaints?page=${1 + Math.floor(random() * 5)}&limit=50`,
              headers: { authorization: `Bearer ${lurah}` },
            }
          : {
              ...req,
              path: `/api/v1/complaints?status=${pick(['proses', 'disposisi', 'selesai'])}&channel=${pick(['jaki', 'sms', 'twitter'])}&limit=50`,
              headers: { authorization: `Bearer ${diskominfo}` },
            },
    },
    'detail (Diskominfo)': get(diskominfo, () => `/api/v1/complaints/${pick(ids)}`),
    'JAKI intake': signedJaki(service.env.JAKI_WEBHOOK_SECRET),
    // Without a point: the ticket waits for review, placed by its address (JSON drops undefined).
    'operator intake': operatorSms(operator, {
      location: undefined,
      description: 'Lampu jalan mati di depan sekolah',
      category: 'lainnya',
      address: 'Jl. Medan Merdeka Barat, Kel. Gambir, Kec. Gambir',
    }),
    'dashboard summary and regions': get(dashboard, () =>
      random() < 0.5
        ? `/api/v1/dashboard/summary?kota=${pick(['31.71', '31.72', '31.73', '31.74', '31.75'])}`
        : '/api/v1/dashboard/regions?level=kelurahan&format=geojson',
    ),
  };
}

/** Runs the given kinds side by side (with their connection counts); the figures add up. */
async function run(
  service: RunningService,
  kinds: [autocannon.Request, number][],
): Promise<Record<string, number>> {
  const latencies: number[] = [];
  const results = await Promise.all(
    kinds.map(
      ([request, connections]) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            { url: service.baseUrl, connections, duration: DURATION_S, requests: [request] },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
          // autocannon's own table has no 95th percentile; every response time is kept instead.
          instance.on('response', (_client, _status, _bytes, responseTime) =>
            latencies.push(responseTime),
          );
        }),
    ),
  );
  return {
    requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
    p50ms: percentile(latencies, 50),
    p95ms: percentile(latencies, 95),
    p99ms: percentile(latencies, 99),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    rssMiB: Math.round(service.rssMiB()),
  };
}
