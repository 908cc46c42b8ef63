import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

describe('GET /api/v1/regions/locate', () => {
  let api: TestApi;
  let auth: { Authorization: string };

  beforeAll(async () => {
    api = await startTestApi();
    auth = { Authorization: `Bearer ${await api.token('dashboard', 'bappeda')}` };
  });
  afterAll(() => api.close());

  const locate = (query: string) => api.http().get(`/api/v1/regions/locate?${query}`).set(auth);

  it.each([
    ['Monas', -6.1754, 106.8272, '31.71.01.1001', 'Gambir'],
    ['Museum Fatahillah', -6.1352, 106.8133, '31.73.03.1008', 'Pinangsia'],
    ['Ragunan zoo', -6.3125, 106.82, '31.74.04.1004', 'Ragunan'],
    ['Pulau Pramuka', -5.7453, 106.614, '31.01.01.1001', 'Pulau Panggang'],
  ])('places %s in its kelurahan', async (_place, lat, lon, code, name) => {
    const res = await locate(`lat=${lat}&lon=${lon}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kelurahan: { code, name },
      method: 'contains',
      distanceMeters: 0,
      alsoContainedBy: [],
    });
    expect(res.body.kecamatan.code).toBe(code.slice(0, 8));
    expect(res.body.kota.code).toBe(code.slice(0, 5));
  });

  it('places a point on the sea near an island on the nearest island kelurahan', async () => {
    // About 1 km off Pulau Pramuka, within the islands' tolerance.
    const res = await locate('lat=-5.7453&lon=106.625');
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('nearest');
    expect(res.body.kelurahan.code).toMatch(/^31\.01\./);
    expect(res.body.distanceMeters).toBeGreaterThan(0);
    expect(res.body.distanceMeters).toBeLessThanOrEqual(5000);
  });

  it.each([
    ['(0, 0)', 'lat=0&lon=0'],
    ['Bogor', 'lat=-6.595&lon=106.8166'],
  ])('answers 404 OUTSIDE_JAKARTA at %s', async (_place, query) => {
    const res = await locate(query);
    expectErrorShape(res.body, 404, 'OUTSIDE_JAKARTA');
  });

  it('refuses a swapped pair with a hint', async () => {
    const res = await locate('lat=106.8272&lon=-6.1754');
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toMatch(/swapped/);
  });

  it.each([
    ['out of range', 'lat=-91&lon=106.8'],
    ['not a number', 'lat=abc&lon=106.8'],
    ['missing', 'lat=-6.2'],
    ['hex', 'lat=0x10&lon=106.8'],
    ['infinite', 'lat=Infinity&lon=106.8'],
  ])('refuses coordinates that are %s', async (_case, query) => {
    const res = await locate(query);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
  });

  it('needs a token', async () => {
    const res = await api.http().get('/api/v1/regions/locate?lat=-6.2&lon=106.8');
    expectErrorShape(res.body, 401);
  });
});
