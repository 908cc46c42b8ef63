import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { writeSyntheticTickets } from '@crm/testing';
import { TicketFacts } from '@crm/dashboard';
import { syntheticNik, seededRandom } from '@crm/testing';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import {
  act,
  jakiPush,
  postInspektoratComplaint,
  postJaki,
  waitForTicket,
} from './support/intake-client';
import { routesOf } from '@crm/core';

// The seeded tickets live in 2024, where no other suite writes, so the independent counts and
// the dashboard's see the same rows while other suites run.
const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const RANGE_SQL = `created_at >= '2024-01-01T00:00:00+07:00' AND created_at < '2025-01-01T00:00:00+07:00'`;
const OPEN_SQL = `status NOT IN ('selesai', 'ditolak')`;
const GAMBIR = '31.71.01.1001';

type Counts = Record<string, number>;

describe('dashboard', () => {
  let api: TestApi;
  let db: DataSource;
  let dashboard: Record<string, string>;

  const get = (path: string, headers: Record<string, string> = dashboard) =>
    api.http().get(path).set(headers).set('Cache-Control', 'no-cache');
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await db.query(text, params)) as T[];
  const countsBy = async (column: string, where = 'true'): Promise<Counts> => {
    const rows = await sql<{ key: string | null; n: number }>(
      `SELECT ${column} AS key, count(*)::int AS n FROM complaints
        WHERE ${RANGE_SQL} AND ${where} GROUP BY 1`,
    );
    return Object.fromEntries(rows.map((row) => [row.key ?? 'none', row.n]));
  };
  const nonZero = (counts: Counts) =>
    Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    dashboard = { Authorization: `Bearer ${await api.token('dashboard', 'diskominfo')}` };
    await writeSyntheticTickets(db, {
      count: 1_500,
      seed: 2024,
      from: new Date('2024-01-01T00:00:00+07:00'),
      to: new Date('2024-12-31T23:59:59+07:00'),
      batchSize: 500,
    });
  });
  afterAll(() => api.close());

  describe('summary', () => {
    it('equals counts computed from the raw rows: status, channel, category, kota, open, overdue', async () => {
      const res = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
      expect(res.status).toBe(200);
      const body = res.body;
      const [{ total, open, overdue, confidential }] = await sql<Counts>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE ${OPEN_SQL})::int AS open,
                count(*) FILTER (WHERE ${OPEN_SQL} AND (overdue OR due_at < now()))::int AS overdue,
                count(*) FILTER (WHERE channel_code = 'inspektorat')::int AS confidential
           FROM complaints WHERE ${RANGE_SQL}`,
      );
      expect(total).toBe(1_500);
      expect(body).toMatchObject({ total, open, overdue, confidential });
      expect(nonZero(body.byStatus)).toEqual(await countsBy('status'));
      expect(Object.keys(body.byStatus)).toHaveLength(7);
      expect(nonZero(body.byChannel)).toEqual(await countsBy('channel_code'));
      expect(Object.keys(body.byChannel)).toHaveLength(13);
      const notInspektorat = `channel_code <> 'inspektorat'`;
      expect(nonZero(body.byCategory)).toEqual(await countsBy('category_code', notInspektorat));
      expect(nonZero(body.byKota)).toEqual(
        await countsBy('substring(kelurahan_code for 5)', notInspektorat),
      );
      expect(Object.keys(body.byKota).filter((k) => k !== 'none')).toHaveLength(6);
      // Every status and several kota really are in the seeded set.
      expect(Object.values(body.byStatus).every((n) => (n as number) > 0)).toBe(true);
      expect(Object.values(body.byKota).filter((n) => (n as number) > 0).length).toBeGreaterThan(4);
      expect(Date.now() - Date.parse(body.asOf)).toBeLessThan(60_000);
    });

    it('gives the median and 90th percentile of the times to first response and to close', async () => {
      const { body } = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
      const hours = async (column: string) => {
        const [row] = await sql<{ median: number; p90: number; n: number }>(
          `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s) AS median,
                  percentile_disc(0.9) WITHIN GROUP (ORDER BY s) AS p90, count(*)::int AS n
             FROM (SELECT floor(extract(epoch FROM ${column})) - floor(extract(epoch FROM created_at)) AS s
                     FROM complaints WHERE ${RANGE_SQL} AND ${column} IS NOT NULL) t`,
        );
        const h = (seconds: number) => Math.round(seconds / 36) / 100;
        return { median: h(row.median), p90: h(row.p90), count: row.n };
      };
      expect(body.hoursToFirstResponse).toEqual(await hours('first_response_at'));
      expect(body.hoursToClose).toEqual(await hours('closed_at'));
      expect(body.hoursToClose.count).toBeGreaterThan(500);
    });

    it('gives SLA compliance per unit and clock equal to the recorded outcomes', async () => {
      const { body } = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
      const rows = await sql<{ unit: string; clock: string; met: number; missed: number }>(
        `SELECT o.unit_code AS unit, o.clock, count(*) FILTER (WHERE o.met)::int AS met,
                count(*) FILTER (WHERE NOT o.met)::int AS missed
           FROM sla_outcomes o JOIN complaints c ON c.id = o.complaint_id
          WHERE ${RANGE_SQL.replace(/created_at/g, 'c.created_at')} GROUP BY 1, 2`,
      );
      expect(rows.length).toBeGreaterThan(20);
      for (const row of rows) {
        expect(body.slaCompliance[row.unit].byClock[row.clock]).toEqual({
          met: row.met,
          missed: row.missed,
          share: Math.round((row.met / (row.met + row.missed)) * 10_000) / 10_000,
        });
      }
      const diskominfo = rows.filter((row) => row.unit === 'diskominfo');
      const met = diskominfo.reduce((sum, row) => sum + row.met, 0);
      const missed = diskominfo.reduce((sum, row) => sum + row.missed, 0);
      expect(body.slaCompliance.diskominfo).toMatchObject({ met, missed });
      expect(missed).toBeGreaterThan(0);
    });

    it('filters by kota, channel, category and unit like the raw rows', async () => {
      const cases: [string, string][] = [
        [
          'kota=31.71&channel=jaki',
          `substring(kelurahan_code for 5) = '31.71' AND channel_code = 'jaki'`,
        ],
        ['kecamatan=31.74.04', `kelurahan_code LIKE '31.74.04.%'`],
        ['kelurahan=31.73.05.1001', `kelurahan_code = '31.73.05.1001'`],
        [
          'category=transportasi',
          `category_code = 'transportasi' AND channel_code <> 'inspektorat'`,
        ],
        ['unit=dishub', `assigned_unit_code = 'dishub'`],
        ['channel=no-such-channel', 'false'],
      ];
      for (const [query, where] of cases) {
        const { body } = await get(
          `/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}&${query}`,
        );
        const [{ n }] = await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM complaints WHERE ${RANGE_SQL} AND ${where}`,
        );
        expect({ query, total: body.total }).toEqual({ query, total: n });
      }
    });

    it('draws the trend by day for a short range and by week for a long one', async () => {
      const march = await get('/api/v1/dashboard/summary?from=2024-03-01&to=2024-03-31');
      expect(march.body.trend.interval).toBe('day');
      expect(march.body.trend.points).toHaveLength(31);
      expect(march.body.trend.points[0].start).toBe('2024-03-01');
      const received = march.body.trend.points.reduce(
        (sum: number, p: { received: number }) => sum + p.received,
        0,
      );
      expect(received).toBe(march.body.total);
      const [{ n: first }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints
          WHERE created_at >= '2024-03-01T00:00:00+07:00' AND created_at < '2024-03-02T00:00:00+07:00'`,
      );
      expect(march.body.trend.points[0].received).toBe(first);

      // Days up to 92 of them (2024-01-01 to 2024-04-01 is 92 days), weeks beyond.
      const longest = await get('/api/v1/dashboard/summary?from=2024-01-01&to=2024-04-01');
      expect(longest.body.trend.interval).toBe('day');
      expect(longest.body.trend.points).toHaveLength(92);
      const beyond = await get('/api/v1/dashboard/summary?from=2024-01-01&to=2024-04-02');
      expect(beyond.body.trend.interval).toBe('week');

      const year = await get(`/api/v1/dashboard/summary?from=2024-01-03&to=${YEAR.to}`);
      expect(year.body.trend.interval).toBe('week');
      expect(year.body.trend.points[0].start).toBe('2024-01-01'); // the Monday before
    });

    it('reports the not-in-database path: registry checks and emergencies', async () => {
      const { body } = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
      const registry = await countsBy('registry_status', 'registry_status IS NOT NULL');
      const [{ n: emergencies }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints WHERE ${RANGE_SQL} AND emergency`,
      );
      expect(body.notInDatabase).toMatchObject({
        checked: Object.values(registry).reduce((a, b) => a + b, 0),
        registeredReceiving: registry.registered_receiving ?? 0,
        registeredNotReceiving: registry.registered_not_receiving ?? 0,
        notRegistered: registry.not_registered ?? 0,
        emergencies,
      });
      expect(body.notInDatabase.checked).toBeGreaterThan(0);
    });

    it('counts a handled ticket’s deadlines as met, at the unit that met them', async () => {
      const res = await postJaki(api, jakiPush());
      const ticket = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      const lurah = { Authorization: `Bearer ${await api.token('unit', GAMBIR)}` };
      const diskominfo = { Authorization: `Bearer ${await api.token('diskominfo')}` };
      const step = (name: string, headers: Record<string, string>, body: object = {}) =>
        act(api, ticket.id as string, name, headers, body);
      expect((await step('accept', lurah)).status).toBe(200);
      expect((await step('follow-ups', lurah, { note: 'Lampu sudah diganti' })).status).toBe(200);
      expect((await step('validation', diskominfo, { decision: 'approve' })).status).toBe(200);

      const outcomes = await sql<{ unit_code: string; clock: string; met: boolean }>(
        `SELECT unit_code, clock, met FROM sla_outcomes WHERE complaint_id = $1 ORDER BY id`,
        [ticket.id],
      );
      expect(outcomes).toEqual([
        { unit_code: GAMBIR, clock: 'respond', met: true },
        { unit_code: 'diskominfo', clock: 'validate', met: true },
      ]);
      // The ticket's page shows the same deadlines, each with when it was due and decided.
      const detail = await api.http().get(`/api/v1/complaints/${ticket.id}`).set(diskominfo);
      expect(detail.body.deadlines).toEqual([
        expect.objectContaining({ clock: 'respond', unit: GAMBIR, met: true }),
        expect.objectContaining({ clock: 'validate', unit: 'diskominfo', met: true }),
      ]);
      for (const deadline of detail.body.deadlines) {
        expect(Date.parse(deadline.decidedAt)).toBeLessThanOrEqual(Date.parse(deadline.dueAt));
      }
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const { body } = await get(`/api/v1/dashboard/summary?from=${today}&unit=${GAMBIR}`);
      expect(body.slaCompliance[GAMBIR].byClock.respond.met).toBeGreaterThanOrEqual(1);
      expect(body.byStatus.selesai).toBeGreaterThanOrEqual(1);
    });
  });

  it('scores a deadline once: a follow-up sent again after a rejection runs on the same one', async () => {
    const res = await postJaki(api, jakiPush());
    const ticket = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
    const agency = { Authorization: `Bearer ${await api.token('unit', 'dinsos')}` };
    const diskominfo = { Authorization: `Bearer ${await api.token('diskominfo')}` };
    const step = (name: string, headers: Record<string, string>, body: object = {}) =>
      act(api, ticket.id as string, name, headers, body);
    const to = await step('dispositions', diskominfo, {
      toUnit: 'dinsos',
      reason: 'wrong-function',
    });
    expect(to.status).toBe(200);
    expect((await step('accept', agency)).status).toBe(200);
    expect((await step('follow-ups', agency, { note: 'Bantuan disalurkan' })).status).toBe(200);
    const rejected = await step('validation', diskominfo, {
      decision: 'reject',
      note: 'Bukti penyaluran belum ada',
    });
    expect(rejected.status).toBe(200);
    expect((await step('follow-ups', agency, { note: 'Bukti terlampir' })).status).toBe(200);

    const outcomes = await sql<{ unit_code: string; clock: string; n: number }>(
      `SELECT unit_code, clock, count(*)::int AS n FROM sla_outcomes
        WHERE complaint_id = $1 GROUP BY unit_code, clock ORDER BY clock`,
      [ticket.id],
    );
    // Coordinating and resolving are the agency's (SE Sekda 40/2019); the resolve deadline
    // stayed the same across the rejection, so it is scored once.
    expect(outcomes.filter((o) => o.clock === 'resolve')).toEqual([
      { unit_code: 'dinsos', clock: 'resolve', n: 1 },
    ]);
    expect(outcomes.every((o) => o.n === 1)).toBe(true);
  });

  it('scores an Inspektorat complaint’s review deadlines to the Inspektorat, never to Diskominfo', async () => {
    const created = await postInspektoratComplaint(api);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const inspektorat = { Authorization: `Bearer ${await api.token('unit', 'inspektorat')}` };
    const admin = { Authorization: `Bearer ${await api.token('admin')}` };
    await waitForTicket(api, id, (t) => t.routedAt !== null);
    expect((await act(api, id, 'accept', inspektorat)).status).toBe(200);
    const done = { note: 'Pemeriksaan selesai' };
    expect((await act(api, id, 'follow-ups', inspektorat, done)).status).toBe(200);
    expect((await act(api, id, 'validation', admin, { decision: 'approve' })).status).toBe(200);

    const outcomes = await sql<{ unit_code: string; clock: string }>(
      `SELECT unit_code, clock FROM sla_outcomes WHERE complaint_id = $1 ORDER BY id`,
      [id],
    );
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.map((o) => o.unit_code)).not.toContain('diskominfo');
    expect(outcomes).toContainEqual({ unit_code: 'inspektorat', clock: 'validate' });
  });

  it('answers a fresh request from a look that starts after it, not one already running', async () => {
    const facts = api.app.get(TicketFacts);
    const running = facts.refresh();
    const fresh = facts.current(0);
    await running;
    const asOfRunning = facts.asOf!.getTime();
    await fresh;
    expect(facts.asOf!.getTime()).toBeGreaterThan(asOfRunning);
  });

  it('answers the same question from the same index state once, telling its age each time', async () => {
    const ask = () =>
      api.http().get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`).set(dashboard);
    // The index reads changes every 5 s on its own; two asks between two reads share an answer.
    let pair: [Record<string, unknown>, Record<string, unknown>] | undefined;
    for (let attempt = 0; attempt < 5 && !pair; attempt++) {
      const [a, b] = [(await ask()).body, (await ask()).body];
      if (a.asOf === b.asOf) pair = [a, b];
    }
    expect(pair).toBeDefined();
    const [first, second] = pair!;
    expect({ ...second, ageSeconds: 0 }).toEqual({ ...first, ageSeconds: 0 });
    const fresh = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
    expect(Date.parse(fresh.body.asOf)).toBeGreaterThan(Date.parse(first.asOf as string));
  });

  describe('regions', () => {
    it('lists every region of a level with zeros, totals equal to the raw rows', async () => {
      const res = await get(
        `/api/v1/dashboard/regions?level=kelurahan&from=${YEAR.from}&to=${YEAR.to}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(267);
      expect(res.body.meta).toMatchObject({ total: 267, level: 'kelurahan' });
      const expected = await countsBy('kelurahan_code', `channel_code <> 'inspektorat'`);
      for (const region of res.body.data) {
        expect({ code: region.code, total: region.total }).toEqual({
          code: region.code,
          total: expected[region.code] ?? 0,
        });
      }
      const kota = await get(
        `/api/v1/dashboard/regions?level=kota&from=${YEAR.from}&to=${YEAR.to}`,
      );
      expect(kota.body.data).toHaveLength(6);
      const byKota = await countsBy(
        'substring(kelurahan_code for 5)',
        `channel_code <> 'inspektorat'`,
      );
      for (const region of kota.body.data) expect(region.total).toBe(byKota[region.code] ?? 0);
      const [{ n: openOverdue }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints WHERE ${RANGE_SQL} AND ${OPEN_SQL}
            AND (overdue OR due_at < now()) AND kelurahan_code IS NOT NULL AND channel_code <> 'inspektorat'`,
      );
      const sum = (key: string) =>
        kota.body.data.reduce((s: number, r: Record<string, number>) => s + r[key], 0);
      expect(sum('overdue')).toBe(openOverdue);
      expect((await get('/api/v1/dashboard/regions?level=kecamatan')).body.data).toHaveLength(44);
    });

    it('gives a valid GeoJSON FeatureCollection of the 267 kelurahan with the counts', async () => {
      const res = await get(
        `/api/v1/dashboard/regions?level=kelurahan&format=geojson&from=${YEAR.from}&to=${YEAR.to}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      const collection = res.body;
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features).toHaveLength(267);
      for (const feature of collection.features) {
        expect(feature.type).toBe('Feature');
        expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
        const rings: number[][][] =
          feature.geometry.type === 'Polygon'
            ? feature.geometry.coordinates
            : feature.geometry.coordinates.flat();
        for (const ring of rings) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]); // closed
          for (const [lon, lat] of ring) {
            expect(lon).toBeGreaterThan(106);
            expect(lon).toBeLessThan(107.1);
            expect(lat).toBeGreaterThan(-6.5);
            expect(lat).toBeLessThan(-5.1);
          }
        }
        expect(feature.properties).toEqual(
          expect.objectContaining({
            code: feature.id,
            total: expect.any(Number),
            open: expect.any(Number),
            overdue: expect.any(Number),
          }),
        );
      }
      // RFC 7946 allows foreign members: the freshness rides along, told afresh each time.
      expect(collection).toEqual(
        expect.objectContaining({ asOf: expect.any(String), ageSeconds: expect.any(Number) }),
      );
      const again = await get(
        `/api/v1/dashboard/regions?level=kelurahan&format=geojson&from=${YEAR.from}&to=${YEAR.to}`,
      );
      const timeless = (answer: object) => ({ ...answer, asOf: '', ageSeconds: 0 });
      expect(timeless(again.body)).toEqual(timeless(collection));

      const kota = await get('/api/v1/dashboard/regions?level=kota&format=geojson');
      expect(kota.body.features).toHaveLength(6);
      expect(kota.body.features[0].geometry.type).toBe('MultiPolygon');
    });
  });

  describe('quarterly report', () => {
    it('gives received, closed, closed within deadline, rejected, still open and overdue per region × category × channel', async () => {
      const res = await get('/api/v1/dashboard/quarterly?year=2024&quarter=2');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2024, quarter: 2, triwulan: 'II' });
      expect(res.body.from).toBe('2024-04-01T00:00:00+07:00');
      expect(res.body.to).toBe('2024-07-01T00:00:00+07:00');
      const expected = await sql<Record<string, unknown>>(
        `WITH q AS (
           SELECT c.*, (SELECT min(due_at) FROM sla_outcomes o WHERE o.complaint_id = c.id AND NOT o.met) AS first_miss
             FROM complaints c
            WHERE created_at >= '2024-04-01T00:00:00+07:00' AND created_at < '2024-07-01T00:00:00+07:00'
              AND channel_code <> 'inspektorat' AND kelurahan_code IS NOT NULL)
         SELECT kelurahan_code AS "regionCode", category_code AS category, channel_code AS channel,
                count(*)::int AS received,
                count(*) FILTER (WHERE status = 'selesai' AND closed_at < '2024-07-01T00:00:00+07:00')::int AS closed,
                count(*) FILTER (WHERE status = 'selesai' AND closed_at < '2024-07-01T00:00:00+07:00'
                                   AND (first_miss IS NULL OR first_miss > closed_at))::int AS "closedWithinDeadline",
                count(*) FILTER (WHERE status = 'ditolak' AND closed_at < '2024-07-01T00:00:00+07:00')::int AS rejected,
                count(*) FILTER (WHERE NOT (status IN ('selesai', 'ditolak') AND closed_at < '2024-07-01T00:00:00+07:00'))::int AS "stillOpen",
                count(*) FILTER (WHERE first_miss < '2024-07-01T00:00:00+07:00')::int AS overdue
           FROM q GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
      const rows = res.body.rows.filter((row: { level: string }) => row.level === 'kelurahan');
      expect(
        rows.map((row: Record<string, unknown>) => {
          const { level, regionName, kotaCode, ...rest } = row;
          expect(level).toBe('kelurahan');
          expect(typeof regionName).toBe('string');
          expect(kotaCode).toBe((rest.regionCode as string).slice(0, 5));
          return rest;
        }),
      ).toEqual(expected);
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM complaints
          WHERE created_at >= '2024-04-01T00:00:00+07:00' AND created_at < '2024-07-01T00:00:00+07:00'`,
      );
      expect(res.body.totals.received).toBe(n);
      const province = res.body.rows.filter((row: { level: string }) => row.level === 'provinsi');
      expect(province.reduce((s: number, r: { received: number }) => s + r.received, 0)).toBe(n);
      for (const level of ['kota', 'kecamatan']) {
        const sum = res.body.rows
          .filter((row: { level: string }) => row.level === level)
          .reduce((s: number, r: { received: number }) => s + r.received, 0);
        expect(sum).toBe(expected.reduce((s, r) => s + (r.received as number), 0));
      }
    });

    it('gives the same table as CSV', async () => {
      const json = await get('/api/v1/dashboard/quarterly?year=2024&quarter=3');
      const csv = await get('/api/v1/dashboard/quarterly.csv?year=2024&quarter=3');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('2024-triwulan-III.csv');
      const records = parse(csv.text, { columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(json.body.rows.length);
      expect(records[0]).toEqual({
        level: json.body.rows[0].level,
        region_code: json.body.rows[0].regionCode,
        region_name: json.body.rows[0].regionName,
        kota_code: json.body.rows[0].kotaCode ?? '',
        category: json.body.rows[0].category,
        channel: json.body.rows[0].channel,
        received: String(json.body.rows[0].received),
        closed: String(json.body.rows[0].closed),
        closed_within_deadline: String(json.body.rows[0].closedWithinDeadline),
        rejected: String(json.body.rows[0].rejected),
        still_open: String(json.body.rows[0].stillOpen),
        overdue: String(json.body.rows[0].overdue),
      });
    });
  });

  describe('Inspektorat and personal data', () => {
    it('counts Inspektorat complaints without place or topic', async () => {
      const { body } = await get(`/api/v1/dashboard/summary?from=${YEAR.from}&to=${YEAR.to}`);
      expect(body.confidential).toBeGreaterThan(0);
      expect(body.byChannel.inspektorat).toBe(body.confidential);
      expect(body.byCategory['perilaku-aparatur']).toBe(0);
      const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);
      expect(sum(body.byKota) + body.confidential).toBe(body.total);
      const quarter = await get('/api/v1/dashboard/quarterly?year=2024&quarter=1');
      const rows = quarter.body.rows.filter(
        (r: { channel: string }) => r.channel === 'inspektorat',
      );
      expect(
        rows.every(
          (r: { level: string; category: string }) =>
            r.level === 'provinsi' && r.category === 'none',
        ),
      ).toBe(true);
    });

    it('never shows the dashboard role a name, phone, e-mail or NIK, on any route it may call', async () => {
      const nik = syntheticNik(seededRandom(99), 'P');
      const reporter = {
        name: 'Rahayu Kusumawardani',
        phone: '081377788899',
        email: 'rahayu.k@example.org',
        nik,
      };
      const res = await postJaki(api, jakiPush({ reporter }));
      await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      const secrets = [reporter.name, reporter.phone, reporter.email, nik, nik.slice(0, 12)];
      const reachable = routesOf(api.app).filter(
        (route) =>
          route.method === 'GET' &&
          (route.rule?.kind === 'public' ||
            (route.rule?.kind === 'roles' && route.rule.roles.includes('dashboard'))),
      );
      expect(reachable.map((route) => route.path)).toEqual(
        expect.arrayContaining(['/api/v1/dashboard/summary', '/api/v1/dashboard/regions']),
      );
      const urls = reachable.flatMap((route) =>
        route.path.includes(':')
          ? [
              route.path
                .replace(':trackingNumber', res.body.trackingNumber)
                .replace(/:\w+/g, res.body.id),
            ]
          : [
              `${route.path}?level=kelurahan&year=2026&quarter=4&lat=-6.1754&lon=106.8272`,
              `${route.path}?level=kelurahan&format=geojson&year=2026&quarter=4`,
            ],
      );
      for (const url of urls) {
        const answer = await get(url);
        expect(answer.status).toBeLessThan(500);
        const text = answer.text ?? JSON.stringify(answer.body);
        for (const secret of secrets)
          expect({ url, leaks: text.includes(secret) }).toEqual({ url, leaks: false });
      }
      // And the ticket routes stay closed to it.
      const detail = await get(`/api/v1/complaints/${res.body.id as string}`);
      expect(detail.status).toBe(403);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['/api/v1/dashboard/summary?from=2024-02-31', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/summary?from=yesterday', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/summary?from=2024-05-01&to=2024-04-01', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/summary?kota=31.99', 'UNKNOWN_REGION'],
      ['/api/v1/dashboard/summary?kelurahan=Gambir', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/summary?interval=month', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/regions', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/regions?level=provinsi', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/regions?level=kota&format=kml', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/quarterly?year=2024&quarter=5', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/quarterly?year=abc&quarter=1', 'VALIDATION_FAILED'],
      ['/api/v1/dashboard/quarterly.csv?year=2024', 'VALIDATION_FAILED'],
    ])('%s is a 400 %s', async (url, code) => {
      const res = await get(url);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, code);
    });

    it('is closed to operators and verifiers, and to units but for their own (region-scope)', async () => {
      for (const role of ['operator', 'verifier'] as const) {
        const res = await get('/api/v1/dashboard/summary', {
          Authorization: `Bearer ${await api.token(role)}`,
        });
        expect(res.status).toBe(403);
      }
      const quarterly = await get('/api/v1/dashboard/quarterly?year=2026&quarter=4', {
        Authorization: `Bearer ${await api.token('unit')}`,
      });
      expect(quarterly.status).toBe(403);
    });
  });
});
