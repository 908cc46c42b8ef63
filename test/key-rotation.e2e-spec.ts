import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, PiiCipher, prepareDatabaseAt, reencryptStoredValues } from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { REGISTRY_COLUMNS } from '@crm/registry';
import { createScratchDatabase } from '../tools/scratch-database';
import { jakiPush, jakiSignature, waitForTicket } from './support/intake-client';
import { startTestApi, TestApi } from './support/test-api';

// Synthetic NIK (kecamatan 99): valid in form, never a real person's.
const REGISTERED = '3171991505800021';
const PHONE = '081277700021';

/**
 * Key rotation (docs/operations.md, "Key rotation"): the PII key is replaced while what the old
 * one encrypted still reads, the lookup hashes still match, and re-encryption moves every stored
 * value to the new key; JAKI's secret is replaced while JAKI still signs with the old one.
 */
describe('key rotation', () => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  const oldJakiSecret = randomBytes(32).toString('hex');
  const newJakiSecret = randomBytes(32).toString('hex');
  let database: { url: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  let before: TestApi;
  let after: TestApi;
  let db: DataSource;
  let oldTicket: string;

  const keyIdsIn = async (): Promise<string[]> =>
    (
      (await db.query(
        `SELECT DISTINCT split_part(v, '.', 2) AS id FROM (
           SELECT reporter_phone_encrypted AS v FROM complaints
           UNION ALL SELECT reporter_nik_encrypted FROM complaints
           UNION ALL SELECT nik_encrypted FROM registry_people
           UNION ALL SELECT kk_encrypted FROM registry_people) AS stored
          WHERE v IS NOT NULL ORDER BY 1`,
      )) as { id: string }[]
    ).map((row) => row.id);

  beforeAll(async () => {
    database = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_rotation');
    await prepareDatabaseAt(database.url, [seedReferenceData]);
    env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `crm-rotation-${randomBytes(4).toString('hex')}`,
    };
    before = await startTestApi({
      ...env,
      PII_ENCRYPTION_KEY: oldKey,
      JAKI_WEBHOOK_SECRET: oldJakiSecret,
    });
    const admin = { Authorization: `Bearer ${await before.token('admin')}` };
    const csv = [
      REGISTRY_COLUMNS.join(','),
      `KR-F1,KR-I1,${REGISTERED},3171991203150027,Siti Contoh,L,Kepala Keluarga,31.71.01.1001,1,PKH,`,
    ].join('\n');
    const imported = await before
      .http()
      .post('/api/v1/registry/imports')
      .set(admin)
      .attach('file', Buffer.from(csv), { filename: 'p3ke.csv', contentType: 'text/csv' });
    expect(imported.body.rejectedCount).toBe(0);
    const raw = JSON.stringify(
      jakiPush({ reporter: { name: 'Warga', phone: PHONE }, category: 'belum-terdata' }),
    );
    const pushed = await before
      .http()
      .post('/api/v1/channels/jaki/complaints')
      .set('Content-Type', 'application/json')
      .set('X-Jaki-Signature', jakiSignature(raw, oldJakiSecret))
      .send(raw);
    expect(pushed.status).toBe(201);
    oldTicket = pushed.body.id as string;
    await waitForTicket(before, oldTicket, (ticket) => Boolean(ticket.routedAt));
    await before.app.close();

    after = await startTestApi({
      ...env,
      PII_ENCRYPTION_KEY: newKey,
      PII_ENCRYPTION_KEY_ID: 'k2',
      PII_PREVIOUS_KEYS: `k1:${oldKey}`,
      PII_LOOKUP_KEY_ID: 'k1',
      JAKI_WEBHOOK_SECRET: newJakiSecret,
      JAKI_WEBHOOK_SECRET_PREVIOUS: oldJakiSecret,
    });
    db = after.app.get(DataSource);
  }, 60_000);
  afterAll(async () => {
    await after?.close();
    await database?.drop();
  });

  it('reads what the old key encrypted, and encrypts new values with the new key', async () => {
    const admin = { Authorization: `Bearer ${await after.token('admin')}` };
    const ticket = await after.http().get(`/api/v1/complaints/${oldTicket}`).set(admin);
    expect(ticket.status).toBe(200);
    expect(ticket.body.reporter.phone).toBe(PHONE);

    const operator = {
      Authorization: `Bearer ${await after.token('operator', 'diskominfo', ['sms'])}`,
    };
    const entered = await after
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'sms',
        reporter: { name: 'Warga Baru', phone: '081277700022' },
        description: 'Kami keluarga miskin belum terdaftar bantuan sosial',
        category: 'belum-terdata',
      });
    expect(entered.status).toBe(201);
    expect(await keyIdsIn()).toEqual(['k1', 'k2']);
  });

  it('still finds a NIK the old key hashed (the lookup key stays the first key’s)', async () => {
    const diskominfo = { Authorization: `Bearer ${await after.token('diskominfo')}` };
    await waitForTicket(after, oldTicket, (ticket) => Boolean(ticket.routedAt));
    const check = await after
      .http()
      .post(`/api/v1/complaints/${oldTicket}/registry-check`)
      .set(diskominfo)
      .send({ nik: REGISTERED });
    expect(check.status).toBe(200);
    expect(check.body.result).toBe('registered_receiving');
  });

  it('re-encrypts every stored value under the new key, and everything still reads', async () => {
    const cipher = after.app.get(PiiCipher);
    const report = await reencryptStoredValues(db, cipher);
    const rewritten = Object.fromEntries(report.map((r) => [r.column, r.rewritten]));
    expect(rewritten).toMatchObject({
      '"complaints"."reporter_phone_encrypted"': 1,
      '"registry_people"."nik_encrypted"': 1,
      '"registry_people"."kk_encrypted"': 1,
    });
    expect(await keyIdsIn()).toEqual(['k2']);
    // A second pass finds nothing left to do.
    expect((await reencryptStoredValues(db, cipher)).every((r) => r.rewritten === 0)).toBe(true);

    // Without the old key at all, every value still decrypts.
    const newOnly = PiiCipher.fromHex('k2', newKey, { lookupFromKeyHex: oldKey });
    const stored = (await db.query(
      `SELECT reporter_phone_encrypted AS v FROM complaints WHERE id = $1`,
      [oldTicket],
    )) as { v: string }[];
    expect(newOnly.decrypt(stored[0].v)).toBe(PHONE);
    const admin = { Authorization: `Bearer ${await after.token('admin')}` };
    const ticket = await after.http().get(`/api/v1/complaints/${oldTicket}`).set(admin);
    expect(ticket.body.reporter.phone).toBe(PHONE);
  });

  it('refuses a lookup key id that names no configured key', () => {
    expect(() =>
      loadConfig({ ...process.env, PII_ENCRYPTION_KEY_ID: 'k2', PII_LOOKUP_KEY_ID: 'k9' }),
    ).toThrow(/PII_LOOKUP_KEY_ID/);
  });

  it('takes JAKI pushes signed with the new secret or, during the switch, the old one', async () => {
    for (const [secret, status] of [
      [newJakiSecret, 201],
      [oldJakiSecret, 201],
      [randomBytes(32).toString('hex'), 401],
    ] as const) {
      const raw = JSON.stringify(jakiPush());
      const answer = await after
        .http()
        .post('/api/v1/channels/jaki/complaints')
        .set('Content-Type', 'application/json')
        .set('X-Jaki-Signature', jakiSignature(raw, secret))
        .send(raw);
      expect(answer.status).toBe(status);
    }
  });
});
