import request from 'supertest';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/**
 * Errors are written for an operator in a kelurahan office: Indonesian unless the client asks for
 * English, one problem per field, saying what to do. The other suites read the English (their
 * client sends `Accept-Language: en`); this one asks nothing, as a browser or curl would.
 */
describe('the language of errors', () => {
  let api: TestApi;
  let operator: { Authorization: string };
  const raw = () => request(api.app.getHttpServer());

  const complaint = (overrides: Record<string, unknown> = {}) => ({
    channel: 'sms',
    externalId: `bahasa-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
    reporter: { name: 'Budi Santoso' },
    description: 'Keluarga kami belum menerima Kartu Lansia Jakarta',
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi();
    operator = { Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}` };
  });
  afterAll(() => api.close());

  it('names a missing description as required, once, in Indonesian by default', async () => {
    const res = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .send(complaint({ description: undefined }));
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.headers['content-language']).toBe('id');
    expect(res.body.details).toEqual([{ field: 'description', problem: 'wajib diisi' }]);
    expect(res.body.message).toBe('description: wajib diisi');
  });

  it('answers in English when the client prefers it, and in Indonesian when it prefers that', async () => {
    const english = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .set('Accept-Language', 'en-GB, en;q=0.9, id;q=0.5')
      .send(complaint({ description: '' }));
    expect(english.headers['content-language']).toBe('en');
    expect(english.body.details).toEqual([{ field: 'description', problem: 'must not be empty' }]);

    const indonesian = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .set('Accept-Language', 'en;q=0.5, id')
      .send(complaint({ description: '' }));
    expect(indonesian.headers['content-language']).toBe('id');
    expect(indonesian.body.details).toEqual([
      { field: 'description', problem: 'tidak boleh kosong' },
    ]);
  });

  it('gives one problem per field, the most basic first', async () => {
    const res = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .send(complaint({ description: 42, channel: 'merpati-pos', colour: 'merah' }));
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['channel', 'colour', 'description']);
    const problem = (field: string) =>
      (res.body.details as { field: string; problem: string }[]).find((d) => d.field === field)
        ?.problem;
    expect(problem('description')).toBe('harus berupa teks');
    expect(problem('colour')).toBe('bukan kolom permintaan ini; hapus kolom ini');
    expect(problem('channel')).toMatch(/^harus salah satu dari .*sms/);
  });

  it('explains a field’s own format in both languages', async () => {
    const bad = complaint({ kelurahanCode: '3171011001' });
    const indonesian = await raw().post('/api/v1/complaints').set(operator).send(bad);
    expect(indonesian.body.details).toEqual([
      { field: 'kelurahanCode', problem: 'harus kode kelurahan seperti 31.71.01.1001' },
    ]);
    const english = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .set('Accept-Language', 'en')
      .send(bad);
    expect(english.body.details).toEqual([
      { field: 'kelurahanCode', problem: 'must be a kelurahan code such as 31.71.01.1001' },
    ]);
  });

  it('says why a step is refused in Indonesian, with the same code', async () => {
    const res = await raw()
      .get('/api/v1/complaints/00000000-0000-4000-8000-000000000000')
      .set(operator);
    expectErrorShape(res.body, 404, 'COMPLAINT_NOT_FOUND');
    expect(res.body.message).toMatch(/^Tiket tidak ditemukan/);
    const english = await raw()
      .get('/api/v1/complaints/00000000-0000-4000-8000-000000000000')
      .set(operator)
      .set('Accept-Language', 'en');
    expect(english.body).toMatchObject({
      code: 'COMPLAINT_NOT_FOUND',
      message: 'No such complaint',
    });
  });

  it('refuses a form-encoded body with 415, naming what to send instead', async () => {
    const res = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .type('form')
      .send({ channel: 'sms', description: 'x' });
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.message).toMatch(/application\/x-www-form-urlencoded/);
    expect(res.body.message).toMatch(/application\/json/);
    expect(res.body.message).not.toMatch(/must be an object/);
    expect(res.headers['content-language']).toBe('id');
  });

  it('says an unknown path and a bad JSON body in Indonesian', async () => {
    const missing = await raw().get('/api/v1/tidak-ada').set(operator);
    expectErrorShape(missing.body, 404);
    expect(missing.headers['content-language']).toBe('id');
    const english = await raw().get('/api/v1/tidak-ada').set(operator).set('Accept-Language', 'en');
    expect(missing.body.message).not.toBe(english.body.message);

    const malformed = await raw()
      .post('/api/v1/complaints')
      .set(operator)
      .set('Content-Type', 'application/json')
      .send('{"channel": ');
    expectErrorShape(malformed.body, 400);
    expect(malformed.body.message).toMatch(/JSON/);
    expect(malformed.headers['content-language']).toBe('id');
  });

  it('explains a 429 in words and seconds, not as ThrottlerException', async () => {
    const limited = await startTestApi({
      THROTTLE_LIMIT: '2',
      // A tiny limit needs counters of its own, and no worker serving that prefix's queues.
      QUEUE_PREFIX: `bahasa-${Math.random().toString(36).slice(2, 8)}`,
      RUN_WORKER: 'false',
    });
    try {
      const auth = { Authorization: `Bearer ${await limited.token('diskominfo')}` };
      const statuses: number[] = [];
      let refused: request.Response | undefined;
      for (let i = 0; i < 3; i++) {
        const res = await request(limited.app.getHttpServer()).get('/api/v1/channels').set(auth);
        statuses.push(res.status);
        if (res.status === 429) refused = res;
      }
      expect(statuses).toEqual([200, 200, 429]);
      expectErrorShape(refused!.body, 429, 'TOO_MANY_REQUESTS');
      expect(refused!.headers['content-language']).toBe('id');
      expect(refused!.body.message).not.toMatch(/Throttler/);
      expect(refused!.body.message).toMatch(/\d+ detik/);
    } finally {
      await limited.close();
    }
  });
});
