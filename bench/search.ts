import { DataSource } from 'typeorm';
import { dataSourceOptions, mintToken, normalisePhone, PiiCipher } from '@crm/core';
import { writeSyntheticTickets } from '@crm/testing';
import { percentile, Report } from './support';
import { startService } from './service';

/** Tickets to search among (CI may use fewer). */
const SIZE = Number(process.env.BENCH_SEARCH_TICKETS ?? 1_000_000);
const CALLS = 100;

/**
 * The complaint list's search at a million tickets (docs/decisions.md, "Search"), as Diskominfo
 * asks it through the API, one request at a time: by a common word, by a rarer pair of words, by
 * a tracking number, by a LAPOR! id, and a unit's search within its own tickets. Beside them, in
 * the same run: the list without a search (what every answer pays anyway), and the full-text
 * query alone in PostgreSQL, without HTTP, scoping or the ticket views (the ceiling).
 */
export async function benchSearch(report: Report): Promise<void> {
  const service = await startService();
  const dataSource = await new DataSource(dataSourceOptions(service.databaseUrl)).initialize();
  const token = (role: 'diskominfo' | 'unit', unit: string) =>
    mintToken(service.env.AUTH_JWT_SECRET, { sub: `bench-${role}`, role, unit });
  const diskominfo = await token('diskominfo', 'diskominfo');
  const lurah = await token('unit', '31.71.01.1001');
  const get = async (path: string, bearer = diskominfo) => {
    const t0 = performance.now();
    const res = await fetch(service.baseUrl + path, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  try {
    const to = new Date();
    const from = new Date(to.getTime() - 2 * 365 * 86_400_000);
    const started = performance.now();
    await writeSyntheticTickets(dataSource, { count: SIZE, seed: 42, from, to });
    await dataSource.query('ANALYZE complaints, follow_ups');
    const label = `${SIZE.toLocaleString('en-US')} tickets`;
    report.row('search', `loading ${label}`, {
      seconds: Math.round((performance.now() - started) / 1000),
    });
    const numbers = (await dataSource.query(
      `SELECT tracking_number FROM complaints ORDER BY random() LIMIT ${CALLS}`,
    )) as { tracking_number: string }[];
    // A share of LAPOR! complaints, as their channel brings them: the id in the channel's details.
    await dataSource.query(
      `UPDATE complaints SET channel_details = jsonb_build_object('laporTrackingId', 'LAP-' || row_seq)
        WHERE channel_code = 'lapor-1708' AND row_seq % 10 = 0`,
    );
    // A share of reporters with a phone, stored as the service stores it: its keyed hash (the
    // lookup key is derived from the encryption key, whatever the key id).
    const cipher = PiiCipher.fromHex('k1', service.env.PII_ENCRYPTION_KEY);
    const phoneOf = (seq: number) => `0812${String(seq).padStart(8, '0')}`;
    const phoned = (await dataSource.query(
      `SELECT row_seq FROM complaints WHERE row_seq % 50 = 0`,
    )) as { row_seq: number }[];
    await dataSource.query(
      `UPDATE complaints c SET reporter_phone_hash = p.hash
         FROM unnest($1::int[], $2::varchar[]) AS p(seq, hash) WHERE c.row_seq = p.seq`,
      [
        phoned.map((row) => row.row_seq),
        phoned.map((row) => cipher.lookupHash(normalisePhone(phoneOf(row.row_seq)))),
      ],
    );
    await dataSource.query('ANALYZE complaints');
    const phones = phoned
      .sort(() => 0.5 - Math.random())
      .slice(0, CALLS)
      .map((row) => `+62 812-${String(row.row_seq).padStart(8, '0')}`);
    const laporIds = (await dataSource.query(
      `SELECT channel_details->>'laporTrackingId' AS id FROM complaints
        WHERE channel_details ? 'laporTrackingId' ORDER BY random() LIMIT ${CALLS}`,
    )) as { id: string }[];
    const count = async (words: string) =>
      (
        (await dataSource.query(
          `SELECT count(*)::int AS n FROM complaints
            WHERE to_tsvector('simple', crm_search_text(description || ' ' || coalesce(address, '')))
                  @@ to_tsquery('simple', crm_search_text($1))`,
          [words],
        )) as { n: number }[]
      )[0].n;
    const measure = async (name: string, call: (n: number) => Promise<number>, extra = {}) => {
      for (let n = 0; n < 5; n++) await call(n); // warm-up
      const latencies: number[] = [];
      for (let n = 0; n < CALLS; n++) latencies.push(await call(n));
      report.row('search', `${name}, ${label}`, {
        calls: CALLS,
        p50ms: percentile(latencies, 50),
        p95ms: percentile(latencies, 95),
        ...extra,
      });
    };
    await measure('the list without a search (20 newest)', () => get('/api/v1/complaints'));
    await measure('q=tersumbat (a common word)', () => get('/api/v1/complaints?q=tersumbat'), {
      matches: await count('tersumbat:*'),
    });
    await measure(
      'q=lampu kramat (two words, prefixes)',
      () => get('/api/v1/complaints?q=lampu%20kramat'),
      {
        matches: await count('lampu:* & kramat:*'),
      },
    );
    await measure('trackingNumber', (n) =>
      get(`/api/v1/complaints?trackingNumber=${numbers[n % numbers.length].tracking_number}`),
    );
    await measure('laporTrackingId', (n) =>
      get(`/api/v1/complaints?laporTrackingId=${laporIds[n % laporIds.length].id}`),
    );
    await measure('reporterPhone (any spelling, through its keyed hash)', (n) =>
      get(`/api/v1/complaints?reporterPhone=${encodeURIComponent(phones[n % phones.length])}`),
    );
    await measure('a kelurahan’s own tickets, q=sampah', () =>
      get('/api/v1/complaints?q=sampah', lurah),
    );
    await measure(
      'ceiling: the full-text query alone in PostgreSQL (20 newest and the count up to 10,000)',
      async () => {
        const t0 = performance.now();
        await dataSource.query(
          `SELECT id FROM complaints
          WHERE to_tsvector('simple', crm_search_text(description || ' ' || coalesce(address, '')))
                @@ to_tsquery('simple', crm_search_text('tersumbat:*'))
          ORDER BY created_at DESC LIMIT 20`,
        );
        await dataSource.query(
          `SELECT count(*) FROM (SELECT 1 FROM complaints
            WHERE to_tsvector('simple', crm_search_text(description || ' ' || coalesce(address, '')))
                  @@ to_tsquery('simple', crm_search_text('tersumbat:*')) LIMIT 10001) counted`,
        );
        return performance.now() - t0;
      },
    );
  } finally {
    await dataSource.destroy();
    await service.stop();
  }
}
