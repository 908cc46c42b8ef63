import { randomBytes } from 'node:crypto';
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
});
