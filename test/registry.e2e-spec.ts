import { DataSource } from 'typeorm';
import { seededRandom, syntheticRegistryLines } from '@crm/testing';
import { REGISTRY_COLUMNS } from '@crm/registry';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

const KELURAHAN = ['31.71.01.1001', '31.71.06.1005'];

describe('registry import', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const upload = async (csv: string, role: 'admin' | 'diskominfo' | 'operator' = 'admin') =>
    api
      .http()
      .post('/api/v1/registry/imports')
      .set({ Authorization: `Bearer ${await api.token(role, 'diskominfo')}` })
      .attach('file', Buffer.from(csv), { filename: 'p3ke.csv', contentType: 'text/csv' });

  it('imports good rows, reports bad ones by line, and changes nothing on a re-import', async () => {
    const lines = [...syntheticRegistryLines(50, seededRandom(7), KELURAHAN)];
    const good = lines.slice(1);
    const bad = [
      // line numbers in the file: header is 1, then the 50 good rows (2–51), then these
      good[0].replace(/^([^,]*,)[^,]*/, '$1P3KE-BAD-1').replace(/,(\d{16}),/, ',3171010501900000,'),
      good[1]
        .replace(/^([^,]*,)[^,]*/, '$1P3KE-BAD-2')
        .replace(/,31\.\d\d\.\d\d\.\d{4},/, ',31.99.99.9999,'),
      'only,three,fields',
    ];
    const csv = [lines[0], ...good, ...bad].join('\n') + '\n';

    const first = await upload(csv);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 50, updated: 0, unchanged: 0, rejectedCount: 3 });
    expect(first.body.rejected).toEqual([
      { line: 52, reason: expect.stringContaining('serial (last 4 digits) is 0000') },
      { line: 53, reason: expect.stringContaining('kelurahan_code: 31.99.99.9999') },
      { line: 54, reason: expect.stringMatching(/./) },
    ]);

    const again = await upload(csv);
    expect(again.body).toMatchObject({ imported: 0, updated: 0, unchanged: 50, rejectedCount: 3 });

    // One person's programmes change: exactly that row is updated.
    const changed = good[0].replace(/,[^,]*,[^,]*$/, ',PKH,KJP Plus');
    const third = await upload([lines[0], changed].join('\n'));
    expect(third.body).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
  });

  it('stores no NIK or KK number in plain text', async () => {
    const lines = [...syntheticRegistryLines(5, seededRandom(8), KELURAHAN)];
    await upload(lines.join('\n'));
    const niks = lines.slice(1).map((line) => line.split(',')[2]);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM registry_people r
        WHERE r::text LIKE ANY ($1)`,
      [niks.map((nik) => `%${nik}%`)],
    );
    expect(n).toBe(0);
  });

  it('refuses a file with the wrong header, a missing file, and callers who may not import', async () => {
    const wrong = await upload('nik,nama\n3171010501900001,Siti\n');
    expectErrorShape(wrong.body, 400, 'REGISTRY_HEADER');
    expect(wrong.body.message).toContain(REGISTRY_COLUMNS.join(','));
    const none = await api
      .http()
      .post('/api/v1/registry/imports')
      .set({ Authorization: `Bearer ${await api.token('admin', 'diskominfo')}` });
    expectErrorShape(none.body, 400);
    const operator = await upload('x', 'operator');
    expectErrorShape(operator.body, 403);
  });
});
