import { act, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';

const MONAS = { lat: -6.1754, lon: 106.8272 }; // Gambir, Kecamatan Gambir, Jakarta Pusat
const BLOK_M = { lat: -6.2443, lon: 106.7993 }; // Kebayoran Baru, Jakarta Selatan
const KECAMATAN_GAMBIR = '31.71.01';
const JAKARTA_PUSAT = '31.71';

/**
 * Region offices read their region: a kecamatan's or kota's staff list and read every ticket in
 * their area, act on none they do not hold; a unit's dashboard is its own. On a database of its
 * own, so that the figures are exactly this suite's tickets.
 */
describe('region offices and unit dashboards', () => {
  let api: TestApi;
  let inGambir: { id: string; kelurahan: string };
  let inKebayoran: { id: string; kelurahan: string };
  let atDinsos: string;

  const as = async (role: 'unit' | 'diskominfo' | 'operator', unit = 'diskominfo') => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['sms'] : undefined)}`,
  });

  async function placed(location: { lat: number; lon: number }) {
    const res = await postJaki(api, jakiPush({ location }));
    expect(res.status).toBe(201);
    const ticket = await waitForTicket(api, String(res.body.id), (t) => t.status === 'disposisi');
    return { id: String(ticket.id), kelurahan: (ticket.kelurahan as { code: string }).code };
  }

  beforeAll(async () => {
    api = await startFreshTestApi();
    [inGambir, inKebayoran] = await Promise.all([placed(MONAS), placed(BLOK_M)]);
    const entered = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'sms',
        details: { senderNumber: '081200001111' },
        reporter: { name: 'Warga', phone: '081200001111' },
        description: 'Kartu bantuan sosial belum diterima',
        assignTo: 'dinsos',
      });
    expect(entered.status).toBe(201);
    atDinsos = String(entered.body.id);
  });
  afterAll(() => api.close());

  const listed = async (unit: string) =>
    (
      (
        await api
          .http()
          .get('/api/v1/complaints?limit=100')
          .set(await as('unit', unit))
      ).body.data as { id: string }[]
    ).map((t) => t.id);

  it('places the fixtures where the test says', () => {
    expect(inGambir.kelurahan.startsWith(`${KECAMATAN_GAMBIR}.`)).toBe(true);
    expect(inKebayoran.kelurahan.startsWith('31.74.')).toBe(true);
  });

  it('lets a camat and a walikota list and read every ticket of their area, and none outside', async () => {
    for (const office of [KECAMATAN_GAMBIR, JAKARTA_PUSAT]) {
      const ids = await listed(office);
      expect({ office, gambir: ids.includes(inGambir.id) }).toEqual({ office, gambir: true });
      expect(ids).not.toContain(inKebayoran.id);
      expect(ids).not.toContain(atDinsos);
      const one = await api
        .http()
        .get(`/api/v1/complaints/${inGambir.id}`)
        .set(await as('unit', office));
      expect(one.status).toBe(200);
      const outside = await api
        .http()
        .get(`/api/v1/complaints/${inKebayoran.id}`)
        .set(await as('unit', office));
      expect(outside.status).toBe(404);
    }
    // Another kecamatan of the same kota sees nothing of Gambir's.
    expect(await listed('31.71.02')).not.toContain(inGambir.id);
  });

  it('lets a region office act only on what it holds', async () => {
    const accept = await act(api, inGambir.id, 'accept', await as('unit', KECAMATAN_GAMBIR));
    expect(accept.status).toBe(403);
    expect(accept.body.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('gives an agency the dashboard of its own tickets, and a region office its area’s', async () => {
    const summary = async (headers: Record<string, string>, query = '') =>
      (
        await api
          .http()
          .get(`/api/v1/dashboard/summary${query}`)
          .set(headers)
          .set('Cache-Control', 'no-cache')
      ).body as { total: number; asOf?: string; ageSeconds?: number };
    const diskominfo = await as('diskominfo');
    const everything = await summary(diskominfo);
    expect(everything.total).toBe(3);

    const dinsos = await summary(await as('unit', 'dinsos'));
    expect(dinsos.total).toBe(1);
    // The scope is the unit's whatever it asks for.
    expect((await summary(await as('unit', 'dinsos'), '?unit=31.71.01.1001')).total).toBe(1);

    const camat = await summary(await as('unit', KECAMATAN_GAMBIR));
    // The same figures, read a moment apart.
    const figures = (answer: { asOf?: string; ageSeconds?: number }) => ({
      ...answer,
      asOf: undefined,
      ageSeconds: undefined,
    });
    expect(figures(camat)).toEqual(
      figures(await summary(diskominfo, `?kecamatan=${KECAMATAN_GAMBIR}`)),
    );
    expect(camat.total).toBe(1);
    expect((await summary(await as('unit', '31.74'))).total).toBe(1);

    const quarterly = await api
      .http()
      .get('/api/v1/dashboard/quarterly?year=2026&quarter=4')
      .set(await as('unit', 'dinsos'));
    expect(quarterly.status).toBe(403);
  });
});
