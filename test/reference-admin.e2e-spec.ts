import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabaseAt } from '@crm/core';
import { seedReferenceData, sudinCode } from '@crm/reference';
import { waitForTicket } from './support/intake-client';
import { startTestApi, TestApi } from './support/test-api';
import { createScratchDatabase } from '../tools/scratch-database';

const GAMBIR = '31.71.01.1001';
const JAKARTA_PUSAT = '31.71';

type Headers = Record<string, string>;

/**
 * Jakarta's organisation as an admin keeps it (docs/desk.md): units (a Suku Dinas), programme
 * categories routed to the Sudin of the ticket's kota, channel settings, the audit of every change
 * — and two API replicas on one database, the second using the first's change at once.
 */
describe('reference data administration', () => {
  let database: { url: string; drop: () => Promise<void> };
  let replicaA: TestApi;
  let replicaB: TestApi;
  let admin: Headers;
  let operatorOnB: Headers;

  const bearer = async (api: TestApi, role: 'admin' | 'operator' | 'diskominfo' | 'unit') => ({
    Authorization: `Bearer ${await api.token(role, role === 'unit' ? GAMBIR : 'diskominfo', role === 'operator' ? ['sms'] : undefined)}`,
  });
  const enter = (api: TestApi, headers: Headers, category: string) =>
    api
      .http()
      .post('/api/v1/complaints')
      .set(headers)
      .send({
        channel: 'sms',
        details: { senderNumber: '081298765432' },
        reporter: { name: 'Budi Santoso', phone: '081298765432' },
        description: 'KJP Plus anak saya belum cair bulan ini',
        category,
        kelurahanCode: GAMBIR,
      });
  const audit = async (query: Record<string, string>) => {
    const res = await replicaA.http().get('/api/v1/audit').query(query).set(admin);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, unknown>[];
  };

  beforeAll(async () => {
    database = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_admin');
    await prepareDatabaseAt(database.url, [seedReferenceData]);
    const env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `crm-admin-${randomBytes(4).toString('hex')}`,
    };
    replicaA = await startTestApi(env);
    replicaB = await startTestApi(env);
    admin = await bearer(replicaA, 'admin');
    operatorOnB = await bearer(replicaB, 'operator');
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  it('seeds a Suku Dinas of each agency that has them in every kota, under its Dinas', async () => {
    const res = await replicaA
      .http()
      .get('/api/v1/units?type=ukpd&parent=dsda')
      .set(await bearer(replicaA, 'diskominfo'));
    expect(res.status).toBe(200);
    const codes = res.body.data.map((u: { code: string }) => u.code);
    expect(codes).toContain(sudinCode('dsda', JAKARTA_PUSAT));
    expect(codes.length).toBeGreaterThanOrEqual(6);
    const sudin = res.body.data.find((u: { code: string }) => u.code === 'sudin-dsda-31.71');
    expect(sudin).toMatchObject({
      type: 'ukpd',
      regionCode: JAKARTA_PUSAT,
      parent: { code: 'dsda' },
    });
  });

  it('creates a Sudin and a programme category that a second replica uses within a second; the audit shows both', async () => {
    // Replica B has its reference data in memory already.
    expect((await enter(replicaB, operatorOnB, 'bantuan-pendidikan')).status).toBe(201);

    const unit = await replicaA.http().post('/api/v1/units').set(admin).send({
      code: 'sudin-disdik-1-31.71',
      name: 'Suku Dinas Pendidikan Wilayah I Jakarta Pusat',
      type: 'ukpd',
      parent: 'disdik',
      regionCode: JAKARTA_PUSAT,
    });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({ code: 'sudin-disdik-1-31.71', active: true });
    const category = await replicaA
      .http()
      .post('/api/v1/categories')
      .set(admin)
      .send({
        code: 'kjp-plus',
        name: 'KJP Plus',
        defaultUnit: 'disdik',
        parent: 'bantuan-pendidikan',
        routeToSudin: true,
        keywords: ['kjp'],
      });
    expect(category.status).toBe(201);
    expect(category.body).toMatchObject({
      code: 'kjp-plus',
      parent: 'bantuan-pendidikan',
      routeToSudin: true,
      defaultUnit: { code: 'disdik' },
      group: 'Pendidikan',
    });

    const changedAt = Date.now();
    let entered = await enter(replicaB, operatorOnB, 'kjp-plus');
    while (entered.status !== 201 && Date.now() - changedAt < 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      entered = await enter(replicaB, operatorOnB, 'kjp-plus');
    }
    expect(entered.status).toBe(201);
    const placed = await waitForTicket(replicaB, String(entered.body.id), (t) =>
      Boolean(t.routedAt),
    );
    expect(placed.suggestedUnit).toMatchObject({ code: 'sudin-disdik-1-31.71' });

    const [unitEntry] = await audit({ entity: 'unit', id: 'sudin-disdik-1-31.71' });
    expect(unitEntry).toMatchObject({
      action: 'create',
      before: null,
      after: { code: 'sudin-disdik-1-31.71', type: 'ukpd', parentCode: 'disdik' },
      role: 'admin',
    });
    const [categoryEntry] = await audit({ entity: 'category', id: 'kjp-plus' });
    expect(categoryEntry).toMatchObject({ action: 'create', after: { routeToSudin: true } });
  });

  it('sends the tickets of a category that routes to the Sudin to the owner itself where its Sudin is off', async () => {
    const off = await replicaA
      .http()
      .patch('/api/v1/units/sudin-disdik-1-31.71')
      .set(admin)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const entered = await enter(replicaB, operatorOnB, 'kjp-plus');
    expect(entered.status).toBe(201);
    const placed = await waitForTicket(replicaB, String(entered.body.id), (t) =>
      Boolean(t.routedAt),
    );
    expect(placed.suggestedUnit).toMatchObject({ code: 'disdik' });
    const [entry] = await audit({ entity: 'unit', id: 'sudin-disdik-1-31.71' });
    expect(entry).toMatchObject({
      action: 'update',
      before: { active: true },
      after: { active: false },
    });
  });

  it('takes a new unit’s webhook with it, generating its signing secret when none is given', async () => {
    const res = await replicaA.http().post('/api/v1/units').set(admin).send({
      code: 'mitra-contoh',
      name: 'Yayasan Contoh',
      type: 'mitra',
      webhookUrl: 'https://user:pass@mitra.example.org/crm',
    });
    expect(res.status).toBe(201);
    expect(res.body.webhookUrl).toBe('https://mitra.example.org/crm');
    expect(res.body.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    const again = await replicaA.http().get('/api/v1/units/mitra-contoh').set(admin);
    expect(again.body.webhookSecret).toBeUndefined();
    const removed = await replicaA
      .http()
      .patch('/api/v1/units/mitra-contoh')
      .set(admin)
      .send({ webhookUrl: null });
    expect(removed.status).toBe(200);
    expect(removed.body.webhookUrl).toBeNull();
    const refused = await replicaA
      .http()
      .post('/api/v1/units')
      .set(admin)
      .send({ code: 'mitra-lain', name: 'Yayasan Lain', type: 'mitra', webhookUrl: 'ftp://x' });
    expect(refused.status).toBe(400);
    expect((await replicaA.http().get('/api/v1/units/mitra-lain').set(admin)).status).toBe(404);
  });

  it('refuses what would break the organisation, in words an admin can act on', async () => {
    const post = (path: string, body: object) => replicaA.http().post(path).set(admin).send(body);
    const regionShaped = await post('/api/v1/units', {
      code: '31.71.99',
      name: 'Kantor Palsu',
      type: 'pd',
    });
    expect(regionShaped.status).toBe(400);
    expect(regionShaped.body.details[0].field).toBe('code');
    const twice = await post('/api/v1/units', { code: 'dinsos', name: 'Dinas Sosial', type: 'pd' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('UNIT_EXISTS');
    const noParent = await post('/api/v1/units', {
      code: 'upt-contoh',
      name: 'UPT Contoh',
      type: 'ukpd',
      parent: 'tidak-ada',
    });
    expect(noParent.status).toBe(400);
    expect(noParent.body.details[0].field).toBe('parent');
    const regionalType = await post('/api/v1/units', {
      code: 'kantor-x',
      name: 'Kantor X',
      type: 'kelurahan',
    });
    expect(regionalType.status).toBe(400);
    const inUse = await replicaA
      .http()
      .patch('/api/v1/units/dsda')
      .set(admin)
      .send({ active: false });
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('UNIT_IN_USE');
    expect(inUse.body.message).toContain('air-bersih-sanitasi');
    const circle = await replicaA
      .http()
      .patch('/api/v1/categories/bantuan-pendidikan')
      .set(admin)
      .send({ parent: 'kjp-plus' });
    expect(circle.status).toBe(400);
    const unknownOwner = await post('/api/v1/categories', {
      code: 'kjmu',
      name: 'KJMU',
      defaultUnit: 'tidak-ada',
    });
    expect(unknownOwner.status).toBe(400);
    expect(unknownOwner.body.details[0].field).toBe('defaultUnit');
    const missing = await replicaA
      .http()
      .patch('/api/v1/categories/tidak-ada')
      .set(admin)
      .send({ name: 'Apa pun' });
    expect(missing.status).toBe(404);
    const notAdmin = await replicaA
      .http()
      .post('/api/v1/units')
      .set(await bearer(replicaA, 'diskominfo'))
      .send({ code: 'upt-contoh', name: 'UPT Contoh', type: 'ukpd' });
    expect(notAdmin.status).toBe(403);
  });

  it('routes a seeded category to the Sudin of the ticket’s kota once the admin says so', async () => {
    const set = await replicaA
      .http()
      .patch('/api/v1/categories/air-bersih-sanitasi')
      .set(admin)
      .send({ routeToSudin: true, requiresPhotoEvidence: true });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ routeToSudin: true, requiresPhotoEvidence: true });
    const entered = await enter(replicaB, operatorOnB, 'air-bersih-sanitasi');
    expect(entered.status).toBe(201);
    const placed = await waitForTicket(replicaB, String(entered.body.id), (t) =>
      Boolean(t.routedAt),
    );
    expect(placed.suggestedUnit).toMatchObject({ code: 'sudin-dsda-31.71' });
    // Recategorising suggests the same way.
    const other = await enter(replicaB, operatorOnB, 'lainnya');
    await waitForTicket(replicaB, String(other.body.id), (t) => Boolean(t.routedAt));
    const moved = await replicaA
      .http()
      .post(`/api/v1/complaints/${other.body.id}/category`)
      .set(await bearer(replicaA, 'diskominfo'))
      .send({ category: 'air-bersih-sanitasi', reason: 'Soal air bersih' });
    expect(moved.status).toBe(200);
    expect(moved.body.suggestedUnit.code).toBe('sudin-dsda-31.71');
  });

  it('switches a channel off for operators (never JAKI) and hands a channel to another unit, audited', async () => {
    const off = await replicaA
      .http()
      .patch('/api/v1/channels/sms')
      .set(admin)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ code: 'sms', active: false });
    const refused = await enter(replicaB, operatorOnB, 'lainnya');
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field).toBe('channel');
    expect(
      (await replicaA.http().patch('/api/v1/channels/sms').set(admin).send({ active: true }))
        .status,
    ).toBe(200);
    const jaki = await replicaA
      .http()
      .patch('/api/v1/channels/jaki')
      .set(admin)
      .send({ active: false });
    expect(jaki.status).toBe(400);
    const perOffice = await replicaA
      .http()
      .patch('/api/v1/channels/kantor-lurah')
      .set(admin)
      .send({ responsibleUnit: 'dinsos' });
    expect([400, 404]).toContain(perOffice.status);
    const entries = await audit({ entity: 'channel', id: 'sms' });
    expect(entries.map((e) => (e.after as { active: boolean }).active)).toEqual([true, false]);
  });

  it('audits the other admin edits — SLA rules, holidays, webhooks (never their secret), notice templates', async () => {
    const rule = await replicaA.http().put('/api/v1/sla-rules').set(admin).send({
      clock: 'resolve',
      unitType: 'ukpd',
      categoryCode: '*',
      amount: 5,
      measure: 'days',
      legalBasis: 'Keputusan Kepala Dinas (contoh)',
    });
    expect(rule.status).toBe(200);
    const holiday = await replicaA.http().post('/api/v1/holidays').set(admin).send({
      date: '2027-12-31',
      name: 'Cuti bersama (contoh)',
      kind: 'cuti_bersama',
      legalBasis: 'SKB (contoh)',
    });
    expect(holiday.status).toBe(201);
    const secret = 's'.repeat(40);
    const webhook = await replicaA
      .http()
      .put('/api/v1/units/dinsos/webhook')
      .set(admin)
      .send({ url: 'https://user:pass@example.org/crm?key=abc', secret });
    expect(webhook.status).toBe(200);
    const template = await replicaA
      .http()
      .put('/api/v1/notice-templates/placed')
      .set(admin)
      .send({ text: 'Pengaduan {{trackingNumber}} diteruskan ke {{unit}}.' });
    expect(template.status).toBe(200);

    expect(await audit({ entity: 'sla-rule' })).toEqual([
      expect.objectContaining({
        entityId: 'resolve/ukpd/*',
        before: expect.objectContaining({ amount: 7 }),
        after: expect.objectContaining({ amount: 5 }),
      }),
    ]);
    expect(await audit({ entity: 'holiday', id: '2027-12-31' })).toHaveLength(1);
    const [hook] = await audit({ entity: 'webhook', id: 'dinsos' });
    expect(JSON.stringify(hook)).not.toContain(secret);
    expect(JSON.stringify(hook)).not.toContain('pass');
    expect(await audit({ entity: 'template', id: 'placed' })).toHaveLength(1);
    const bad = await replicaA.http().get('/api/v1/audit?entity=nope').set(admin);
    expect(bad.status).toBe(400);
    const notAdmin = await replicaA
      .http()
      .get('/api/v1/audit')
      .set(await bearer(replicaA, 'diskominfo'));
    expect(notAdmin.status).toBe(403);
  });

  it('keeps the audit append-only: PostgreSQL refuses to change or remove an entry', async () => {
    const dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await expect(dataSource.query(`UPDATE audit_log SET actor_sub = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await dataSource.destroy();
    }
  });
});
