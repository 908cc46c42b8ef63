import SwaggerParser from '@apidevtools/swagger-parser';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

describe('the HTTP edge', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.token('admin', 'diskominfo');
  });
  afterAll(() => api.close());

  it('rejects unknown body fields with 400 in the error shape', async () => {
    const res = await api
      .http()
      .post('/api/v1/holidays')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        date: '2027-03-10',
        name: 'Idul Fitri',
        kind: 'libur_nasional',
        legalBasis: 'SKB 2027',
        color: 'red',
      });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      { field: 'color', problem: 'is not a field of this request; remove it' },
    ]);
  });

  it('answers a body over 1 MB with 413 and stores nothing', async () => {
    const res = await api
      .http()
      .post('/api/v1/holidays')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          date: '2027-03-11',
          name: 'x'.repeat(1_100_000),
          kind: 'cuti_bersama',
          legalBasis: 'big',
        }),
      );
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
    const list = await api
      .http()
      .get('/api/v1/holidays?year=2027')
      .set('Authorization', `Bearer ${admin}`);
    expect(list.body.data.map((h: { date: string }) => h.date)).not.toContain('2027-03-11');
  });

  it('answers malformed JSON with 400, without parser internals', async () => {
    const res = await api
      .http()
      .post('/api/v1/holidays')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send('{"date": "2027-01-0');
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'MALFORMED_BODY');
    expect(res.body.message).not.toMatch(/position|Unexpected/);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await api.http().get('/api/v1/nothing-here');
    expectErrorShape(res.body, 404, 'NOT_FOUND');
  });

  it('gives every response a request id of its own and echoes the caller’s beside it', async () => {
    const mine = await api.http().get('/health').set('X-Request-Id', 'kelurahan-desk-42');
    expect(mine.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine.headers['x-client-request-id']).toBe('kelurahan-desk-42');
    const generated = await api.http().get('/api/v1/channels');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-client-request-id']).toBeUndefined();
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
    const unsafe = await api.http().get('/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(unsafe.headers['x-client-request-id']).toBeUndefined();
  });

  it('sends security headers', async () => {
    const res = await api.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('reports both dependencies on /health', async () => {
    const res = await api.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves a valid OpenAPI 3 document at /docs-json and the UI at /docs', async () => {
    const res = await api.http().get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/channels',
        '/api/v1/categories',
        '/api/v1/units',
        '/api/v1/regions/kelurahan',
        '/health',
      ]),
    );
    const ui = await api.http().get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('/health with Redis unreachable', () => {
  it('reports degraded (200) while the database stays up', async () => {
    const api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await api.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.details.database).toEqual({ status: 'up' });
      expect(res.body.details.redis.status).toBe('down');
      // The rate limiter's store is Redis too: requests still pass rather than fail.
      const channels = await api
        .http()
        .get('/api/v1/channels')
        .set('Authorization', `Bearer ${await api.token('admin')}`);
      expect(channels.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('throttling', () => {
  it('answers 429 in the error shape once a caller exceeds the limit', async () => {
    const api = await startTestApi({ THROTTLE_LIMIT: '3', QUEUE_PREFIX: `throttle-${Date.now()}` });
    try {
      const token = await api.token('dashboard', 'bappeda');
      const statuses: number[] = [];
      let last: { status: number; body: unknown } = { status: 0, body: null };
      for (let i = 0; i < 5; i++) {
        last = await api.http().get('/api/v1/channels').set('Authorization', `Bearer ${token}`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectErrorShape(last.body, 429, 'TOO_MANY_REQUESTS');
    } finally {
      await api.close();
    }
  });
});
