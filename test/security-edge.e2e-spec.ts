import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { jakiPush, jakiSignature } from './support/intake-client';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/**
 * The edge holds before anyone logs in: no body is inflated, a body nests no deeper than 32
 * levels (counted before it is parsed), a path no route serves has its body ignored, and a
 * request without credentials is refused before its body is read. Refused credentials are counted
 * per client, and one rate limit covers each caller across all routes.
 */
describe('the edge, before anyone logs in', () => {
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => api.close());

  /**
   * How long /health kept its callers waiting, in all, while `load` ran: it is asked again as
   * soon as it answers, so this is the time the load held the service.
   */
  async function healthWaitWhile(load: () => Promise<unknown>): Promise<number> {
    let waited = 0;
    let running = true;
    const probe = (async () => {
      while (running) {
        const started = performance.now();
        await fetch(`${base}/health`);
        waited += performance.now() - started;
      }
    })();
    await load();
    running = false;
    await probe;
    return waited;
  }

  const post = (path: string, body: Buffer, headers: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: new Uint8Array(body),
      // The suite reads the English messages; Indonesian is the default (error-language suite).
      headers: { 'accept-language': 'en', ...headers },
    });

  it('keeps /health answering while compressed bodies arrive', async () => {
    // 1 KB of gzip that inflates to a megabyte of `[`: about 0.3 s of one core to parse, each.
    const bomb = gzipSync(Buffer.from('['.repeat(1_000_000)));
    expect(bomb.length).toBeLessThan(5_000);
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const answers: Response[] = [];
    const waited = await healthWaitWhile(async () => {
      const sent = [
        ...Array.from({ length: 30 }, () => post('/api/v1/no-such-path', bomb, headers)),
        ...Array.from({ length: 30 }, () => post('/open311/v2/requests.json', bomb, headers)),
      ];
      answers.push(...(await Promise.all(sent)));
    });
    // Sixty of these bodies parsed held /health for about 30 s; refused at the edge, about a
    // second. The bound is generous for a loaded two-core machine.
    expect(waited).toBeLessThan(10_000);
    expect(answers.slice(0, 30).map((res) => res.status)).toEqual(Array(30).fill(404));
    expect(new Set(answers.slice(30).map((res) => res.status))).toEqual(new Set([415]));
  });

  it('refuses a body nested deeper than 32 levels before parsing it', async () => {
    const deep = Buffer.from('['.repeat(1_000_000));
    const res = await post('/api/v1/channels/jaki/complaints', deep, {
      'content-type': 'application/json',
      'x-jaki-signature': jakiSignature(deep.toString()),
    });
    const body = await res.json();
    expectErrorShape(body, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([{ field: 'body', problem: 'is nested deeper than 32 levels' }]);
  });

  it('refuses a compressed body with a message that says what to do', async () => {
    const res = await post('/api/v1/complaints', gzipSync(Buffer.from('{}')), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}`,
    });
    expect(res.status).toBe(415);
    const body = await res.json();
    expectErrorShape(body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(body.message).toMatch(/uncompressed/);
  });

  it('never parses the body of a path no route serves, or of a route that takes none', async () => {
    const unknown = await post('/api/v1/no-such-path', Buffer.from('{not json'), {
      'content-type': 'application/json',
    });
    expect(unknown.status).toBe(404);
    const accept = await post(
      '/api/v1/complaints/00000000-0000-4000-8000-000000000000/accept',
      Buffer.from('{not json'),
      {
        'content-type': 'application/json',
        authorization: `Bearer ${await api.token('unit')}`,
      },
    );
    expect(accept.status).toBe(404);
  });

  /**
   * Sends the headers and a first slice of a body announced as 1 MB, never the rest: a server
   * that waited for the body would never answer.
   */
  function answerBeforeBody(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 1_000_000, ...headers },
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`${path}: no answer while the body was still arriving`));
      }, 10_000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.write('{"externalId":"');
    });
  }

  it('refuses a JAKI push without a signature, or a call without a valid token, before reading its body', async () => {
    expect(await answerBeforeBody('/api/v1/channels/jaki/complaints', {})).toBe(401);
    expect(
      await answerBeforeBody('/api/v1/channels/jaki/complaints', {
        'x-jaki-signature': 'sha256=not-hex',
      }),
    ).toBe(401);
    expect(await answerBeforeBody('/api/v1/complaints', {})).toBe(401);
    expect(
      await answerBeforeBody('/api/v1/complaints', { authorization: 'Bearer not.a.token' }),
    ).toBe(401);
  });

  it('checks a JAKI signature on the raw bytes before parsing them', async () => {
    const push = JSON.stringify(jakiPush());
    const forged = await post('/api/v1/channels/jaki/complaints', Buffer.from(push), {
      'content-type': 'application/json',
      'x-jaki-signature': jakiSignature(push, 'another-secret-of-at-least-32-characters'),
    });
    expect(forged.status).toBe(401);
    expectErrorShape(await forged.json(), 401, 'INVALID_SIGNATURE');
    const signed = await post('/api/v1/channels/jaki/complaints', Buffer.from(push), {
      'content-type': 'application/json',
      'x-jaki-signature': jakiSignature(push),
    });
    expect(signed.status).toBe(201);
  });
});

/**
 * Anonymous callers of one address share a counter in Redis with every other suite of the run:
 * a tiny limit gets a prefix of its own (and no worker, which would serve that prefix's queues).
 */
const ownCounters = (env: Record<string, string>) => ({
  ...env,
  QUEUE_PREFIX: `limits-${Math.random().toString(36).slice(2, 8)}`,
  RUN_WORKER: 'false',
});

describe('limits per client and per caller', () => {
  it('refuses a client whose credentials (token, signature, API key) were refused too often, good token or not', async () => {
    const api = await startTestApi({ AUTH_FAILURE_LIMIT: '5' });
    try {
      const good = `Bearer ${await api.token('diskominfo')}`;
      for (let i = 0; i < 3; i++) {
        const res = await api.http().get('/api/v1/channels').set('Authorization', 'Bearer x.y.z');
        expect(res.status).toBe(401);
      }
      const wrongKey = await api
        .http()
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: 'not-a-key-of-this-service', service_code: 'lainnya', description: 'x' });
      expect(wrongKey.status).toBe(403);
      const forged = JSON.stringify(jakiPush());
      for (let i = 0; i < 1; i++) {
        const res = await api
          .http()
          .post('/api/v1/channels/jaki/complaints')
          .set('Content-Type', 'application/json')
          .set('X-Jaki-Signature', `sha256=${'0'.repeat(64)}`)
          .send(forged);
        expect(res.status).toBe(401);
      }
      const blocked = await api.http().get('/api/v1/channels').set('Authorization', good);
      expectErrorShape(blocked.body, 429, 'TOO_MANY_REQUESTS');
      expect(blocked.body.message).toMatch(/refused credentials.*try again in \d+ s/);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });

  it('gives each caller one budget across all routes, and says so', async () => {
    const api = await startTestApi({ THROTTLE_LIMIT: '6' });
    try {
      const auth = { Authorization: `Bearer ${await api.token('diskominfo')}` };
      const paths = ['/api/v1/channels', '/api/v1/categories', '/api/v1/units'];
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        statuses.push(
          (
            await api
              .http()
              .get(paths[i % 3])
              .set(auth)
          ).status,
        );
      }
      expect(statuses.slice(0, 6)).toEqual(Array(6).fill(200));
      expect(statuses.slice(6)).toEqual([429, 429, 429]);
      const refused = await api.http().get('/api/v1/units').set(auth);
      expectErrorShape(refused.body, 429, 'TOO_MANY_REQUESTS');
      expect(refused.body.message).toMatch(/at most 6 per 60 s per caller/);
      expect(refused.body.message).not.toMatch(/ThrottlerException/);
    } finally {
      await api.close();
    }
  });

  it('does not believe X-Forwarded-For from a proxy nobody configured', async () => {
    const api = await startTestApi(ownCounters({ THROTTLE_LIMIT: '3' }));
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await api
          .http()
          .get('/api/v1/complaints/track/JKT-0000-0000-0000')
          .set('X-Forwarded-For', `203.0.113.${i}`);
        statuses.push(res.status);
      }
      expect(statuses).toContain(429);
    } finally {
      await api.close();
    }
  });

  it('believes X-Forwarded-For from a configured proxy', async () => {
    const api = await startTestApi(ownCounters({ THROTTLE_LIMIT: '3', TRUST_PROXY: 'loopback' }));
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await api
          .http()
          .get('/api/v1/complaints/track/JKT-0000-0000-0000')
          .set('X-Forwarded-For', `198.51.100.${i}`);
        statuses.push(res.status);
      }
      expect(statuses).toEqual(Array(6).fill(404));
    } finally {
      await api.close();
    }
  });
});
