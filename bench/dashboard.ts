import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { dataSourceOptions, mintToken } from '@crm/core';
import { writeSyntheticTickets } from '@crm/testing';
import { signedJaki } from './intake';
import { cpuMeter, mulberry32, percentile, Report } from './support';
import { RunningService, startService } from './service';

/** Ticket counts to measure at, e.g. "100000,1000000" (the default); CI uses a smaller one. */
const SIZES = (process.env.BENCH_DASHBOARD_TICKETS ?? '100000,1000000').split(',').map(Number);
const SUMMARIES = 300;
const REGION_CALLS = 150;
const KOTA = ['31.01', '31.71', '31.72', '31.73', '31.74', '31.75'];
const CHANNELS = ['jaki', 'twitter', 'sms', 'kantor-lurah', 'lapor-1708'];
const CATEGORIES = ['transportasi', 'air-bersih-sanitasi', 'kartu-bantuan-sosial', 'belum-terdata'];
const INTAKE_REQUESTS = 5_000;
/** Pairs of intake runs, alone and beside the dashboards (CI: 1). */
const INTAKE_ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 3);

/**
 * Dashboard latency as tickets accumulate: synthetic tickets (as `npm run seed:load`) are written
 * over two years up to each size; then summary, regions and the quarterly report are asked with
 * varied filters, one at a time, and their p50/p95 noted. Last, JAKI intake with and without
 * dashboards polling, alternately (BENCH_DASHBOARD_ROUNDS pairs), to see that one does not slow
 * the other.
 */
export async function benchDashboard(report: Report): Promise<void> {
  const service = await startService();
  const dataSource = await new DataSource(dataSourceOptions(service.databaseUrl)).initialize();
  const token = await mintToken(service.env.AUTH_JWT_SECRET, {
    sub: 'bench-dashboard',
    role: 'dashboard',
    unit: 'diskominfo',
  });
  const get = async (path: string, fresh = false) => {
    const t0 = performance.now();
    const res = await fetch(service.baseUrl + path, {
      headers: {
        authorization: `Bearer ${token}`,
        ...(fresh ? { 'cache-control': 'no-cache' } : {}),
      },
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  try {
    const to = new Date();
    const from = new Date(to.getTime() - 2 * 365 * 86_400_000);
    let loaded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      const written = size - loaded;
      await writeSyntheticTickets(dataSource, { count: written, seed: size, from, to });
      const writeSeconds = (performance.now() - started) / 1000;
      await dataSource.query('ANALYZE complaints, sla_outcomes');
      loaded = size;
      // The API reads the new tickets on its own within seconds; `no-cache` waits for that read.
      const catchUp = await get('/api/v1/dashboard/summary', true);
      const label = `${size.toLocaleString('en-US')} tickets`;
      report.row('dashboard', `loading ${label}`, {
        ticketsWrittenPerSecond: Math.round(written / writeSeconds),
        indexCatchUpMs: catchUp,
        apiRssMiB: Math.round(service.rssMiB()),
      });
      const random = mulberry32(size);
      const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
      const filters = () => {
        const days = 7 + Math.floor(random() * 700);
        const end = new Date(to.getTime() - Math.floor(random() * 30) * 86_400_000);
        const start = new Date(end.getTime() - days * 86_400_000);
        const parts = [
          `from=${start.toISOString().slice(0, 10)}`,
          `to=${end.toISOString().slice(0, 10)}`,
        ];
        if (random() < 0.4) parts.push(`kota=${pick(KOTA)}`);
        if (random() < 0.3) parts.push(`channel=${pick(CHANNELS)}`);
        if (random() < 0.3) parts.push(`category=${pick(CATEGORIES)}`);
        return random() < 0.2 ? '' : parts.join('&');
      };
      await measure(report, `summary, varied filters, ${label}`, SUMMARIES, () =>
        get(`/api/v1/dashboard/summary?${filters()}`),
      );
      await measure(report, `regions (kelurahan, JSON or GeoJSON), ${label}`, REGION_CALLS, () =>
        get(
          `/api/v1/dashboard/regions?level=${pick(['kota', 'kecamatan', 'kelurahan'])}` +
            `${random() < 0.5 ? '&format=geojson' : ''}&${filters()}`,
        ),
      );
      const quarters = Array.from({ length: 8 }, (_, n) => {
        const date = new Date(to.getTime() - n * 91 * 86_400_000);
        return `year=${date.getUTCFullYear()}&quarter=${Math.floor(date.getUTCMonth() / 3) + 1}`;
      });
      await measure(report, `quarterly report (JSON and CSV), ${label}`, 32, (n) =>
        get(`/api/v1/dashboard/quarterly${n % 2 ? '.csv' : ''}?${quarters[n % 8]}`),
      );
    }
    await intakeBesideDashboards(service, report, get);
    report.row('dashboard', 'API resident memory at the end', {
      rssMiB: Math.round(service.rssMiB()),
    });
  } finally {
    await dataSource.destroy();
    await service.stop();
  }
}

async function measure(
  report: Report,
  name: string,
  calls: number,
  call: (n: number) => Promise<number>,
): Promise<void> {
  for (let n = 0; n < 5; n++) await call(n); // warm-up
  const latencies: number[] = [];
  for (let n = 0; n < calls; n++) latencies.push(await call(n));
  report.row('dashboard', name, {
    calls,
    p50ms: percentile(latencies, 50),
    p95ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
  });
}

/** JAKI intake alone, then with two dashboards asking for summaries and maps without pause. */
async function intakeBesideDashboards(
  service: RunningService,
  report: Report,
  get: (path: string) => Promise<number>,
): Promise<void> {
  // Each run with the CPU every process used meanwhile: where the dashboards' share goes.
  const burst = async () => {
    const cpu = cpuMeter(service.pid, service.workerPid);
    const result = await autocannon({
      url: service.baseUrl,
      connections: 50,
      amount: INTAKE_REQUESTS,
      requests: [signedJaki(service.env.JAKI_WEBHOOK_SECRET)],
    });
    return Object.assign(result, { cpu: cpu() });
  };
  const polled = async () => {
    let polling = true;
    let polls = 0;
    const pollers = Array.from({ length: 2 }, async (_, n) => {
      while (polling) {
        await get(
          n
            ? '/api/v1/dashboard/regions?level=kelurahan&format=geojson'
            : '/api/v1/dashboard/summary',
        );
        polls++;
      }
    });
    const result = await burst();
    polling = false;
    await Promise.all(pollers);
    return { result, polls };
  };
  // Alone and beside, alternately: on a shared machine one pair is within its noise.
  const ratios: number[] = [];
  for (let round = 1; round <= INTAKE_ROUNDS; round++) {
    const alone = await burst();
    const { result: beside, polls } = await polled();
    for (const [name, result] of [
      ['JAKI intake alone', alone],
      ['JAKI intake while two dashboards poll', beside],
    ] as const) {
      report.row(
        'dashboard',
        `round ${round}: ${name}, 50 connections, ${INTAKE_REQUESTS} requests`,
        {
          requestsPerSecond: Math.round(result.requests.average),
          p50ms: result.latency.p50,
          p99ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          ...(result === beside ? { dashboardAnswers: polls } : {}),
          ...result.cpu,
        },
      );
    }
    ratios.push(beside.requests.average / alone.requests.average);
  }
  report.row('dashboard', 'intake beside two polling dashboards ÷ intake alone', {
    rounds: ratios.map((r) => r.toFixed(2)).join(' '),
    median: percentile(ratios, 50).toFixed(2),
  });
}
