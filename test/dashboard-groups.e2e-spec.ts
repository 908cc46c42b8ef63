import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newTrackingNumber } from '@crm/tickets';
import { startTestApi, TestApi } from './support/test-api';

// The fixtures live in 2021, where no other suite writes, so the figures are exactly theirs.
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const GAMBIR = '31.71.01.1001';

interface Reporter {
  type?: 'person' | 'organisation' | 'government-unit';
  category?: string;
  sex?: 'L' | 'P' | null;
  age?: number | null;
  disability?: boolean | null;
  createdAt?: string;
}

describe('dashboard: reporters and groups', () => {
  let api: TestApi;
  let db: DataSource;
  let dashboard: Record<string, string>;

  const summary = async (query = `from=${YEAR.from}&to=${YEAR.to}`) => {
    const res = await api
      .http()
      .get(`/api/v1/dashboard/summary?${query}`)
      .set(dashboard)
      .set('Cache-Control', 'no-cache');
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Tickets written straight into the table, as the synthetic load does (fixtures, not steps). */
  async function writeTickets(reporters: Reporter[]): Promise<void> {
    for (const reporter of reporters) {
      const id = randomUUID();
      const at = reporter.createdAt ?? '2021-05-10T09:00:00+07:00';
      await db.query(
        `INSERT INTO complaints (id, tracking_number, channel_code, request_hash, status,
           category_code, description, kelurahan_code, reported_at, created_at, created_by,
           created_by_role, version, reporter_type)
         VALUES ($1, $2, 'sms', $3, 'menunggu', $4, 'Data uji dasbor', $5, $6, $6,
           'dashboard-groups-test', 'operator', 1, $7)`,
        [
          id,
          newTrackingNumber(),
          id.replace(/-/g, '').padEnd(64, '0'),
          reporter.category ?? 'lainnya',
          GAMBIR,
          at,
          reporter.type ?? 'person',
        ],
      );
    }
  }

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    dashboard = { Authorization: `Bearer ${await api.token('dashboard', 'diskominfo')}` };
  });
  afterAll(() => api.close());

  it('counts complaints by who reported them, every type listed', async () => {
    await writeTickets([
      { type: 'organisation' },
      { type: 'organisation' },
      { type: 'government-unit' },
      { type: 'person' },
      {},
    ]);
    const body = await summary();
    const [expected] = await db.query(
      `SELECT count(*) FILTER (WHERE reporter_type = 'person')::int AS person,
              count(*) FILTER (WHERE reporter_type = 'organisation')::int AS organisation,
              count(*) FILTER (WHERE reporter_type = 'government-unit')::int AS "government-unit"
         FROM complaints
        WHERE created_at >= '2021-01-01T00:00:00+07:00' AND created_at < '2022-01-01T00:00:00+07:00'`,
    );
    expect(body.byReporterType).toEqual(expected);
    expect(body.byReporterType.organisation).toBeGreaterThanOrEqual(2);
    const total = Object.values(body.byReporterType as Record<string, number>).reduce(
      (sum, n) => sum + n,
      0,
    );
    expect(total).toBe(body.total);
  });
});
