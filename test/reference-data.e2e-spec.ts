import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

describe('reference data endpoints', () => {
  let api: TestApi;
  let auth: { Authorization: string };
  let admin: { Authorization: string };

  beforeAll(async () => {
    api = await startTestApi();
    auth = { Authorization: `Bearer ${await api.token('unit', '31.71.01.1001')}` };
    admin = { Authorization: `Bearer ${await api.token('admin', 'diskominfo')}` };
  });
  afterAll(() => api.close());

  it('takes page and limit on every reference list, and gives the whole list without them', async () => {
    for (const path of [
      '/api/v1/channels',
      '/api/v1/categories',
      '/api/v1/units',
      '/api/v1/regions/kota',
      '/api/v1/regions/kecamatan',
      '/api/v1/regions/kelurahan',
      '/api/v1/holidays',
      '/api/v1/sla-rules',
    ]) {
      const whole = await api.http().get(path).set(auth);
      expect({ path, status: whole.status }).toEqual({ path, status: 200 });
      const paged = await api.http().get(path).query({ page: 1, limit: 5 }).set(auth);
      expect({ path, status: paged.status }).toEqual({ path, status: 200 });
      expect(paged.body.meta).toEqual({ total: whole.body.meta.total, page: 1, limit: 5 });
      expect(paged.body.data).toEqual(whole.body.data.slice(0, 5));
    }
    const second = await api
      .http()
      .get('/api/v1/regions/kelurahan')
      .query({ page: 2, limit: 100 })
      .set(auth);
    expect(second.body.data).toHaveLength(100);
    expect(second.body.meta).toEqual({ total: 267, page: 2, limit: 100 });
    const keys = await api
      .http()
      .get('/api/v1/open311/keys')
      .query({ page: 1, limit: 50 })
      .set(admin);
    expect(keys.status).toBe(200);
  });

  it('lists the 267 kelurahan with their kecamatan and kota', async () => {
    const res = await api.http().get('/api/v1/regions/kelurahan').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.meta.total).toBe(267);
    expect(res.body.data).toHaveLength(267);
    expect(res.body.data).toContainEqual({
      code: '31.71.01.1001',
      name: 'Gambir',
      kecamatan: { code: '31.71.01', name: 'Gambir' },
      kota: { code: '31.71', name: 'Kota Administrasi Jakarta Pusat' },
    });
    expect(res.body.data[0].geometry).toBeUndefined();
  });

  it('filters kelurahan by kecamatan and kota, and adds GeoJSON on request', async () => {
    const gambir = await api
      .http()
      .get('/api/v1/regions/kelurahan?kecamatan=31.71.01&geometry=true')
      .set(auth);
    expect(gambir.body.data.map((k: { name: string }) => k.name)).toEqual([
      'Gambir',
      'Cideng',
      'Petojo Utara',
      'Petojo Selatan',
      'Kebon Kelapa',
      'Duri Pulo',
    ]);
    expect(gambir.body.data[0].geometry.type).toMatch(/Polygon/);
    const seribu = await api.http().get('/api/v1/regions/kelurahan?kota=31.01').set(auth);
    expect(seribu.body.meta.total).toBe(6);
    const bad = await api.http().get('/api/v1/regions/kelurahan?kota=jakpus').set(auth);
    expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
  });

  it('lists the 6 kota and 44 kecamatan, and one kelurahan by code', async () => {
    expect((await api.http().get('/api/v1/regions/kota').set(auth)).body.meta.total).toBe(6);
    expect((await api.http().get('/api/v1/regions/kecamatan').set(auth)).body.meta.total).toBe(44);
    const one = await api.http().get('/api/v1/regions/kelurahan/31.74.04.1004').set(auth);
    expect(one.body).toMatchObject({ name: 'Ragunan', kecamatan: { name: 'Pasar Minggu' } });
    expect(one.body.geometry).toBeDefined();
    const missing = await api.http().get('/api/v1/regions/kelurahan/31.71.01.9999').set(auth);
    expectErrorShape(missing.body, 404, 'KELURAHAN_NOT_FOUND');
  });

  it('lists the 13 channels in the decree’s order with who answers for each', async () => {
    const res = await api.http().get('/api/v1/channels').set(auth);
    expect(res.body.data.map((c: { code: string }) => c.code)).toEqual([
      'jaki',
      'twitter',
      'facebook',
      'email',
      'gubernur-sosmed',
      'sms',
      'pendopo-balaikota',
      'inspektorat',
      'kantor-walikota',
      'kantor-camat',
      'kantor-lurah',
      'media-massa',
      'lapor-1708',
    ]);
    const byCode = Object.fromEntries(res.body.data.map((c: { code: string }) => [c.code, c]));
    expect(byCode.jaki).toMatchObject({ geotagged: true, responsibleUnit: { code: 'diskominfo' } });
    expect(byCode['pendopo-balaikota'].responsibleUnit.code).toBe('biro-pemerintahan');
    expect(byCode['kantor-lurah']).toMatchObject({
      responsibleUnit: null,
      responsibleUnitType: 'kelurahan',
      responsibleOfficial: 'Lurah',
    });
    expect(res.body.data.filter((c: { geotagged: boolean }) => c.geotagged)).toHaveLength(1);
  });

  it('lists categories with the programme owner of BAB 2 as default unit', async () => {
    const res = await api.http().get('/api/v1/categories').set(auth);
    const owner = Object.fromEntries(
      res.body.data.map((c: { code: string; defaultUnit: { code: string } }) => [
        c.code,
        c.defaultUnit.code,
      ]),
    );
    expect(owner).toMatchObject({
      'bantuan-pendidikan': 'disdik',
      'jaminan-kesehatan': 'dinkes',
      'kartu-bantuan-sosial': 'dinsos',
      'pangan-bersubsidi': 'dkpkp',
      perumahan: 'dprkp',
      transportasi: 'dishub',
      ketenagakerjaan: 'disnakertransgi',
      kewirausahaan: 'dppkukm',
      'air-bersih-sanitasi': 'dsda',
      'bank-sampah': 'dlh',
      'legalitas-lahan': 'citata',
      'administrasi-kependudukan': 'disdukcapil',
    });
  });

  it('lists units with their types and parents', async () => {
    const all = await api.http().get('/api/v1/units').set(auth);
    const count = (type: string) =>
      all.body.data.filter((u: { type: string }) => u.type === type).length;
    expect([count('kota'), count('kecamatan'), count('kelurahan'), count('bumd')]).toEqual([
      6, 44, 267, 5,
    ]);
    const codes = all.body.data.map((u: { code: string }) => u.code);
    for (const code of [
      'diskominfo',
      'dinsos',
      'disdik',
      'dinkes',
      'dkpkp',
      'dprkp',
      'dishub',
      'disnakertransgi',
      'dppkukm',
      'dsda',
      'dlh',
      'citata',
      'disdukcapil',
      'dppapp',
      'disparekraf',
      'inspektorat',
      'biro-pemerintahan',
      'bappeda',
      'pam-jaya',
      'pal-jaya',
      'transjakarta',
      'food-station',
      'pasar-jaya',
    ]) {
      expect(codes).toContain(code);
    }
    const gambir = await api.http().get('/api/v1/units/31.71.01.1001').set(auth);
    expect(gambir.body).toMatchObject({
      name: 'Kelurahan Gambir',
      type: 'kelurahan',
      parent: { code: '31.71.01', name: 'Kecamatan Gambir' },
    });
    const underGambir = await api.http().get('/api/v1/units?parent=31.71.01').set(auth);
    expect(underGambir.body.meta.total).toBe(6);
    expectErrorShape(
      (await api.http().get('/api/v1/units/nope').set(auth)).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape(
      (await api.http().get('/api/v1/units?type=castle').set(auth)).body,
      400,
      'VALIDATION_FAILED',
    );
  });

  it('holds the 2026 holidays of the SKB and lets an admin add and remove days', async () => {
    const year2026 = await api.http().get('/api/v1/holidays?year=2026').set(auth);
    const kinds = year2026.body.data.map((h: { kind: string }) => h.kind);
    expect(kinds.filter((k: string) => k === 'libur_nasional')).toHaveLength(17);
    expect(kinds.filter((k: string) => k === 'cuti_bersama')).toHaveLength(8);

    const day = {
      date: '2027-03-10',
      name: 'Hari Raya Idul Fitri 1448 H',
      kind: 'libur_nasional',
      legalBasis: 'SKB 2027 (test)',
    };
    const created = await api.http().post('/api/v1/holidays').set(admin).send(day);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(day);
    expectErrorShape(
      (await api.http().post('/api/v1/holidays').set(admin).send(day)).body,
      409,
      'HOLIDAY_EXISTS',
    );
    expect((await api.http().post('/api/v1/holidays').set(auth).send(day)).status).toBe(403);
    expect((await api.http().delete('/api/v1/holidays/2027-03-10').set(admin)).status).toBe(204);
    expectErrorShape(
      (await api.http().delete('/api/v1/holidays/2027-03-10').set(admin)).body,
      404,
      'HOLIDAY_NOT_FOUND',
    );
  });
  it('names where each deadline comes from, and never 75/2023, which sets none', async () => {
    const rules = await api.http().get('/api/v1/sla-rules').set(auth);
    expect(rules.status).toBe(200);
    const general = (
      rules.body.data as {
        clock: string;
        unitType: string;
        categoryCode: string;
        source: string;
        legalBasis: string;
      }[]
    ).filter((rule) => rule.categoryCode === '*');
    const sourceOf = (clock: string, unitType: string) =>
      general.find((rule) => rule.clock === clock && rule.unitType === unitType)?.source;
    expect(sourceOf('respond', 'kelurahan')).toBe('SE Sekda 61/2018');
    expect(sourceOf('coordinate', 'pd')).toBe('SE Sekda 40/2019');
    expect(sourceOf('resolve', 'bumd')).toBe('SE Sekda 40/2019');
    expect(sourceOf('forward', 'diskominfo')).toBe('SP4N-LAPOR!');
    expect(sourceOf('validate', 'diskominfo')).toBe('local decision');
    for (const rule of general) {
      expect(rule.legalBasis).not.toMatch(/75\/2023/);
    }

    const uncited = {
      clock: 'validate',
      unitType: 'diskominfo',
      categoryCode: 'uji-sumber-aturan',
      amount: 2,
      measure: 'working_days',
      legalBasis: 'Uji: aturan tanpa sumber',
    };
    const set = await api.http().put('/api/v1/sla-rules').set(admin).send(uncited);
    expect(set.status).toBe(200);
    expect(set.body.source).toBe('local decision');
    const cited = await api
      .http()
      .put('/api/v1/sla-rules')
      .set(admin)
      .send({ ...uncited, source: 'SE Sekda 40/2019' });
    expect(cited.body.source).toBe('SE Sekda 40/2019');
    const after = await api.http().get('/api/v1/sla-rules').set(auth);
    expect(
      after.body.data.find(
        (rule: { categoryCode: string }) => rule.categoryCode === uncited.categoryCode,
      ),
    ).toEqual({ ...uncited, source: 'SE Sekda 40/2019' });
  });
});
