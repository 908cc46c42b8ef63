import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccessFixtures } from './support/access-fixtures';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/**
 * A person's step without `If-Match` never fails because the service changed the ticket at the
 * same moment (routing placing it, a deadline escalating it): the step waits and applies to the
 * new version. Only a client that sent `If-Match` is told of the change (409).
 */
describe('the ticket store, when the service changes a ticket at the same moment', () => {
  let api: TestApi;
  let f: AccessFixtures;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    f = new AccessFixtures(api, '31.71.01.1001', '31.74.01.1001');
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  /**
   * Runs `step` while another connection holds a change of the ticket uncommitted — as the
   * service's own job does between reading the ticket and saving it — then commits that change.
   */
  async function whileChanging(id: string, step: () => Promise<{ status: number; body: unknown }>) {
    const other = new Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE complaints SET version = version + 1 WHERE id = $1`, [id]);
      const answer = step();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      return await answer;
    } finally {
      await other.end();
    }
  }

  const versionOf = async (id: string) =>
    (await db.query(`SELECT version FROM complaints WHERE id = $1`, [id]))[0].version as number;

  it('applies the step to the new version when the caller sent no If-Match', async () => {
    const { id } = await f.ticket();
    const before = await versionOf(id);
    const res = await whileChanging(id, async () =>
      api
        .http()
        .post(`/api/v1/complaints/${id}/accept`)
        .set(await f.as('unit', 'own')),
    );
    expect(res.status).toBe(200);
    expect((res.body as { version: number; status: string }).version).toBe(before + 2);
    expect((res.body as { status: string }).status).toBe('proses');
  });

  it('tells a caller that sent If-Match that the ticket changed', async () => {
    const { id } = await f.ticket();
    const before = await versionOf(id);
    const res = await whileChanging(id, async () =>
      api
        .http()
        .post(`/api/v1/complaints/${id}/accept`)
        .set(await f.as('unit', 'own'))
        .set('If-Match', `W/"${before}"`),
    );
    expectErrorShape(res.body, 409, 'VERSION_CONFLICT');
    expect(await versionOf(id)).toBe(before + 1);
  });

  it('answers every registry check sent right after intake, while routing places the tickets', async () => {
    const operator = await f.as('operator', 'own', undefined, ['sms']);
    const diskominfo = await f.as('diskominfo');
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const created = await api
          .http()
          .post('/api/v1/complaints')
          .set(operator)
          .send({
            channel: 'sms',
            details: { senderNumber: '081200000009' },
            reporter: { name: 'Warga', phone: `0812000${String(i).padStart(5, '0')}` },
            description: 'Kami belum terdaftar bantuan sosial',
            category: 'belum-terdata',
          });
        return api
          .http()
          .post(`/api/v1/complaints/${created.body.id}/registry-check`)
          .set(diskominfo)
          .send({ nik: '3174990101900013' });
      }),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
  });
});
