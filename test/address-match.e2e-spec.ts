import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/** The console's suggested kelurahan: the same reading of an address that routing applies. */
describe('GET /api/v1/regions/match', () => {
  let api: TestApi;
  let auth: { Authorization: string };

  beforeAll(async () => {
    api = await startTestApi();
    auth = { Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}` };
  });
  afterAll(() => api.close());

  const match = (address: string) =>
    api.http().get('/api/v1/regions/match').query({ address }).set(auth);

  it('names the one kelurahan an address settles on, with its kecamatan and kota', async () => {
    const res = await match('Jl. Kebon Sirih 22, Kel. Kebon Sirih, Kec. Menteng, Jakpus');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kelurahan: { code: '31.71.06.1005', name: 'Kebon Sirih' },
      kecamatan: { code: '31.71.06', name: 'Menteng' },
      kota: { code: '31.71' },
      candidates: [],
    });
  });

  it('lists the candidates when the address could mean several kelurahan', async () => {
    const res = await match('Antara Kebon Sirih dan Kebon Kacang');
    expect(res.status).toBe(200);
    expect(res.body.kelurahan).toBeNull();
    expect(res.body.reason).toMatch(/name the kecamatan or kota/);
    const candidates = res.body.candidates as { code: string; kecamatan: { name: string } }[];
    expect(candidates.map((c) => c.code).sort()).toEqual(['31.71.06.1005', '31.71.07.1006']);
    for (const candidate of candidates) {
      expect(candidate).toMatchObject({
        name: expect.any(String),
        kecamatan: { code: candidate.code.slice(0, 8), name: expect.any(String) },
        kota: { code: candidate.code.slice(0, 5), name: expect.any(String) },
      });
    }
  });

  it('answers null and says why when the address names no place', async () => {
    const res = await match('di depan warung Bu Sari');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kelurahan: null,
      kecamatan: null,
      kota: null,
      candidates: [],
      reason: 'no kelurahan, kecamatan or kota named in the address',
    });
  });

  it('refuses an empty or overlong address with the field named', async () => {
    for (const address of ['', 'x'.repeat(501)]) {
      const res = await match(address);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['address']);
    }
    const missing = await api.http().get('/api/v1/regions/match').set(auth);
    expect(missing.status).toBe(400);
  });
});
