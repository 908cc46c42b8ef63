import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/** A unit no other suite gives a webhook. */
const WEBHOOK_UNIT = 'disparekraf';

type LogLine = Record<string, unknown> & {
  msg?: string;
  req?: { id?: string; url?: string };
  err?: Record<string, unknown>;
};

describe('security of tokens, logs, webhooks and request ids', () => {
  let api: TestApi;
  let db: DataSource;
  const written: string[] = [];
  let stdout: jest.SpyInstance;

  beforeAll(async () => {
    // Log lines are read back from stdout: pino writes through process.stdout (instead of its own
    // handle on fd 1) when its write has been replaced, as here, before the API starts.
    stdout = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      });
    // No worker: this instance refuses private webhook addresses, and must not take the
    // notices of the suites whose receivers listen on 127.0.0.1.
    api = await startTestApi({
      LOG_LEVEL: 'info',
      RUN_WORKER: 'false',
      WEBHOOK_ALLOW_PRIVATE: 'false',
    });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await db.query('UPDATE units SET webhook_url = NULL, webhook_secret = NULL WHERE code = $1', [
      WEBHOOK_UNIT,
    ]);
    await api.close();
    stdout.mockRestore();
  });

  const logLines = (): LogLine[] =>
    written
      .join('')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const as = async (role: Parameters<TestApi['token']>[0], channels?: string[]) =>
    bearer(await api.token(role, undefined, channels));

  describe('a failed statement', () => {
    it('is logged without its parameters, the row PostgreSQL names or the driver’s error', async () => {
      const marker = `probe-${randomBytes(6).toString('hex')}`;
      const secrets = {
        name: `Warga Rahasia ${marker}`,
        email: `${marker}@example.org`,
        address: `Jl. Rahasia ${marker} No. 17`,
        senderNumber: '081377665544',
        lat: '-6.17543219',
        lon: '106.82721357',
      };
      // A real statement failing in PostgreSQL: a check only this test's complaint breaks.
      await db.query(
        `ALTER TABLE complaints ADD CONSTRAINT ck_security_probe
           CHECK (description NOT LIKE '%${marker}%') NOT VALID`,
      );
      try {
        const res = await api
          .http()
          .post('/api/v1/complaints')
          .set(await as('operator', ['sms']))
          .send({
            channel: 'sms',
            details: { senderNumber: secrets.senderNumber },
            reporter: { name: secrets.name, email: secrets.email, phone: '081377665544' },
            description: `Saluran tersumbat ${marker}`,
            address: secrets.address,
            location: { lat: Number(secrets.lat), lon: Number(secrets.lon) },
          });
        expect(res.status).toBe(500);
        expectErrorShape(res.body, 500, 'INTERNAL_ERROR');

        const failure = logLines().find(
          (line) => line.requestId === res.body.requestId && line.err !== undefined,
        );
        expect(failure?.err).toMatchObject({
          type: 'QueryFailedError',
          code: '23514',
          constraint: 'ck_security_probe',
        });
        for (const key of ['query', 'parameters', 'driverError', 'detail'])
          expect(failure?.err).not.toHaveProperty(key);
        const everything = written.join('');
        for (const secret of [...Object.values(secrets), marker])
          expect({ secret, logged: everything.includes(secret) }).toEqual({
            secret,
            logged: false,
          });
      } finally {
        await db.query('ALTER TABLE complaints DROP CONSTRAINT ck_security_probe');
      }
    });
  });

  describe('bearer tokens', () => {
    const secret = () => new TextEncoder().encode(process.env.AUTH_JWT_SECRET!);
    const now = () => Math.floor(Date.now() / 1000);
    const claims = { role: 'operator', unit: 'diskominfo', channels: ['sms'] };

    /** A token with exactly these claims (no defaults: `exp` only when given). */
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret());
    const valid = (overrides: Record<string, unknown> = {}) =>
      sign({ sub: 'operator-7', iat: now(), exp: now() + 3600, ...claims, ...overrides });

    async function refused(token: string, message: RegExp) {
      // A write: where an unbounded claim used to reach PostgreSQL and fail there (500).
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(bearer(token))
        .send({
          channel: 'sms',
          details: { senderNumber: '081200000002' },
          reporter: { name: 'Warga' },
          description: 'Lampu jalan mati',
        });
      expect({ status: res.status, message: res.body.message }).toEqual({
        status: 401,
        message: expect.stringMatching(message),
      });
      expectErrorShape(res.body, 401, 'INVALID_TOKEN');
    }

    it('accepts a token with bounded claims', async () => {
      const res = await api
        .http()
        .get('/api/v1/channels')
        .set(bearer(await valid()));
      expect(res.status).toBe(200);
    });

    it('refuses a token that never expires', async () => {
      const { exp: _exp, ...rest } = { exp: 0, sub: 'operator-7', iat: now(), ...claims };
      void _exp;
      await refused(await sign(rest), /expir|exp/);
    });

    it('refuses a token issued in the future, beyond the clock tolerance', async () => {
      await refused(await valid({ iat: now() + 3600, exp: now() + 7200 }), /future|iat/);
    });

    it('refuses a token living longer than the maximum lifetime', async () => {
      await refused(await valid({ exp: now() + 25 * 3600 }), /lifetime|24 h|86400/);
    });

    it('refuses subjects that are empty, too long, with control characters or the service’s own', async () => {
      await refused(await valid({ sub: 'x'.repeat(201) }), /sub/);
      await refused(await valid({ sub: 'operator\u00007' }), /sub/);
      await refused(await valid({ sub: 'operator\n7' }), /sub/);
      await refused(await valid({ sub: '' }), /sub/);
      for (const sub of ['jaki', 'system', 'open311:1'])
        await refused(await valid({ sub }), /sub|reserved|service/);
    });

    it('refuses a name, unit or channel list out of bounds', async () => {
      await refused(await valid({ name: 'n'.repeat(201) }), /name/);
      await refused(await valid({ name: 'Budi\u0000' }), /name/);
      await refused(await valid({ unit: 'diskominfo\u0000' }), /unit/);
      await refused(await valid({ unit: 'x'.repeat(41) }), /unit/);
      await refused(await valid({ unit: 'Diskominfo Jakarta' }), /unit/);
      await refused(await valid({ channels: Array(1000).fill('sms') }), /channels/);
      await refused(await valid({ channels: ['sms\u0000'] }), /channels/);
      await refused(await valid({ channels: ['x'.repeat(5000)] }), /channels/);
    });
  });

  describe('unit webhooks', () => {
    const stored = 'https://crm-user:crm-pass@hooks.example.org/notify?key=abc123';

    beforeAll(async () => {
      await db.query('UPDATE units SET webhook_url = $1, webhook_secret = $2 WHERE code = $3', [
        stored,
        's'.repeat(40),
        WEBHOOK_UNIT,
      ]);
    });

    it('are hidden from every role but admin, and their credentials from everyone', async () => {
      for (const role of ['operator', 'diskominfo', 'unit', 'verifier', 'dashboard'] as const) {
        const one = await api
          .http()
          .get(`/api/v1/units/${WEBHOOK_UNIT}`)
          .set(await as(role));
        expect({ role, webhookUrl: one.body.webhookUrl }).toEqual({ role, webhookUrl: null });
        const list = await api
          .http()
          .get('/api/v1/units?type=pd')
          .set(await as(role));
        const unit = list.body.data.find((u: { code: string }) => u.code === WEBHOOK_UNIT);
        expect({ role, webhookUrl: unit.webhookUrl }).toEqual({ role, webhookUrl: null });
        expect(unit).toMatchObject({ code: WEBHOOK_UNIT, name: expect.any(String), type: 'pd' });
      }
      const seen = await api
        .http()
        .get(`/api/v1/units/${WEBHOOK_UNIT}`)
        .set(await as('admin'));
      expect(seen.body.webhookUrl).toContain('hooks.example.org/notify');
      for (const credential of ['crm-user', 'crm-pass', 'abc123'])
        expect(seen.body.webhookUrl).not.toContain(credential);
    });

    it('may not point at a private, loopback, link-local or otherwise internal address', async () => {
      const admin = await as('admin');
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost:8080/hook',
        'http://2130706433/',
        'http://0x7f.1/',
        'http://017700000001/',
        'http://127.1/',
        'http://0.0.0.0/',
        'http://[::1]/',
        'http://[::]/',
        'http://[::ffff:127.0.0.1]/',
        'http://[::ffff:a9fe:a9fe]/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00:ec2::254]/',
        'http://[fe80::1]/',
        'http://10.0.0.5/',
        'http://172.16.3.4/',
        'http://192.168.1.10/',
        'http://100.64.0.1/',
        'http://224.0.0.1/',
        'http://[ff02::1]/',
      ]) {
        const res = await api
          .http()
          .put(`/api/v1/units/${WEBHOOK_UNIT}/webhook`)
          .set(admin)
          .send({ url, secret: 'k'.repeat(40) });
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
      const unit = await api.http().get(`/api/v1/units/${WEBHOOK_UNIT}`).set(admin);
      expect(unit.body.webhookUrl).toContain('hooks.example.org');
    });

    it('may point at a public address; the answer leaves out its credentials', async () => {
      const res = await api
        .http()
        .put(`/api/v1/units/${WEBHOOK_UNIT}/webhook`)
        .set(await as('admin'))
        .send({ url: 'https://crm-user:crm-pass@1.1.1.1/notify', secret: 'k'.repeat(40) });
      expect(res.status).toBe(200);
      expect(res.body.webhookUrl).toBe('https://1.1.1.1/notify');
    });
  });

  describe('request ids', () => {
    it('are the server’s own in audit rows, errors and logs; the client’s is echoed beside it', async () => {
      const created = await api
        .http()
        .post('/api/v1/complaints')
        .set(await as('operator', ['sms']))
        .send({
          channel: 'sms',
          details: { senderNumber: '081200000003' },
          reporter: { name: 'Warga', phone: '081200000003' },
          description: 'Jalan berlubang',
        });
      expect(created.status).toBe(201);
      const clientId = `desk-${randomBytes(4).toString('hex')}`;
      const reason = `Menghubungi pelapor untuk verifikasi ${clientId}`;
      const revealed = await api
        .http()
        .post('/api/v1/pii/reveal')
        .set(await as('diskominfo'))
        .set('X-Request-Id', clientId)
        .send({ subject: 'complaint', id: created.body.id, field: 'phone', reason });
      expect(revealed.status).toBe(200);
      const serverId = revealed.headers['x-request-id'];
      expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
      expect(revealed.headers['x-client-request-id']).toBe(clientId);

      const log = await api
        .http()
        .get('/api/v1/pii/access-log?limit=200')
        .set(await as('admin'));
      const row = log.body.data.find((r: { reason: string }) => r.reason === reason);
      expect(row.requestId).toBe(serverId);

      const lines = logLines().filter((line) => line.req?.id === serverId);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.clientRequestId).toBe(clientId);

      const refused = await api.http().get('/api/v1/channels').set('X-Request-Id', clientId);
      expectErrorShape(refused.body, 401, 'UNAUTHORIZED');
      expect(refused.body.requestId).toBe(refused.headers['x-request-id']);
      expect(refused.body.requestId).not.toBe(clientId);
      expect(refused.headers['x-client-request-id']).toBe(clientId);
    });
  });

  describe('logged URLs', () => {
    it('never hold a bearer token from the query string', async () => {
      const token = await api.token('diskominfo');
      const res = await api
        .http()
        .get(`/api/v1/channels?access_token=${token}&token=${token}&x=${token}&page=1`)
        .set(await as('diskominfo'));
      const line = logLines().find((l) => l.req?.id === res.headers['x-request-id']);
      expect(line?.req?.url).toBe(
        '/api/v1/channels?access_token=[redacted]&token=[redacted]&x=[redacted]&page=1',
      );
      expect(written.join('')).not.toContain(token.split('.')[2]);
    });
  });

  describe('SLA rules', () => {
    it('take a null category as every category (*), as an omitted one', async () => {
      const rules = await api
        .http()
        .get('/api/v1/sla-rules')
        .set(await as('admin'));
      // The seeded rule itself, written back unchanged: other suites' deadlines stay as they are.
      const rule = rules.body.data.find(
        (r: { categoryCode: string; clock: string }) =>
          r.categoryCode === '*' && r.clock === 'respond',
      );
      const res = await api
        .http()
        .put('/api/v1/sla-rules')
        .set(await as('admin'))
        .send({ ...rule, categoryCode: null });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...rule, categoryCode: '*' });
      const after = await api
        .http()
        .get('/api/v1/sla-rules')
        .set(await as('admin'));
      expect(after.body.data).toEqual(rules.body.data);
    });
  });
});
