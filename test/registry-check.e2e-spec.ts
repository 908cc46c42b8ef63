import { DataSource } from 'typeorm';
import { REGISTRY_COLUMNS } from '@crm/registry';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

// Synthetic NIKs (kecamatan 99): valid in form, never a real person's.
const RECEIVING = '3171991505800011';
const NOT_RECEIVING = '3172995506850012';
const UNKNOWN = '3174990101900013';

describe('registry check and the audited reveal', () => {
  let api: TestApi;
  let db: DataSource;
  const as = async (role: 'diskominfo' | 'operator' | 'admin' | 'unit' | 'verifier') => ({
    Authorization: `Bearer ${await api.token(role, role === 'unit' ? '31.71.01.1001' : role === 'verifier' ? 'dinsos' : 'diskominfo', role === 'operator' ? ['sms'] : undefined)}`,
  });

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    const csv = [
      REGISTRY_COLUMNS.join(','),
      `RC-F1,RC-I1,${RECEIVING},3171991203150007,Siti Contoh,L,Kepala Keluarga,31.71.01.1001,1,PKH;BPNT,KJP Plus`,
      `RC-F2,RC-I2,${NOT_RECEIVING},3172991203150008,Dewi Contoh,P,Kepala Keluarga,31.72.01.1001,2,,`,
    ].join('\n');
    const res = await api
      .http()
      .post('/api/v1/registry/imports')
      .set(await as('admin'))
      .attach('file', Buffer.from(csv), { filename: 'p3ke.csv', contentType: 'text/csv' });
    expect(res.body.rejectedCount).toBe(0);
  });
  afterAll(() => api.close());

  async function waitingTicket(): Promise<{ id: string; dueAt: string }> {
    const res = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'sms',
        details: { senderNumber: '081200000009' },
        reporter: { name: 'Warga Miskin', phone: '081200000009' },
        description: 'Kami keluarga miskin belum terdaftar bantuan sosial',
        category: 'belum-terdata',
      })
      .expect(201);
    for (let i = 0; i < 100; i++) {
      const t = await api
        .http()
        .get(`/api/v1/complaints/${res.body.id}`)
        .set(await as('diskominfo'));
      if (t.body.routedAt) return t.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('not routed');
  }

  const check = async (id: string, nik: string, role: 'diskominfo' | 'operator' = 'diskominfo') =>
    api
      .http()
      .post(`/api/v1/complaints/${id}/registry-check`)
      .set(await as(role))
      .send({ nik });

  it('tells registered and receiving, registered and not receiving, and not registered apart', async () => {
    const a = await waitingTicket();
    const receiving = await check(a.id, RECEIVING);
    expect(receiving.status).toBe(200);
    expect(receiving.body).toMatchObject({
      result: 'registered_receiving',
      person: { p3keFamilyId: 'RC-F1', centralProgrammes: ['BPNT', 'PKH'] },
    });
    expect(JSON.stringify(receiving.body)).not.toContain(RECEIVING);

    const b = await waitingTicket();
    expect((await check(b.id, NOT_RECEIVING)).body.result).toBe('registered_not_receiving');
    const detailB = await api
      .http()
      .get(`/api/v1/complaints/${b.id}`)
      .set(await as('diskominfo'));
    expect(detailB.body.dueAt).not.toBeNull(); // the normal flow goes on

    const c = await waitingTicket();
    expect(c.dueAt).not.toBeNull();
    const unknown = await check(c.id, UNKNOWN);
    expect(unknown.body).toMatchObject({ result: 'not_registered', person: null });
    const paused = await api
      .http()
      .get(`/api/v1/complaints/${c.id}`)
      .set(await as('diskominfo'));
    expect(paused.body.dueAt).toBeNull(); // waiting for the reporter's form: the clock stands still
    expect(paused.body.reporter.nik).toBe('3174********0013');
    expect(JSON.stringify(paused.body)).not.toContain(UNKNOWN);
    expect(paused.body.history.at(-1)).toMatchObject({
      type: 'registry-check',
      data: expect.objectContaining({ result: 'not_registered', nik: '3174********0013' }),
    });
    // Diskominfo moves it on: the clock runs again.
    const moved = await api
      .http()
      .post(`/api/v1/complaints/${c.id}/dispositions`)
      .set(await as('diskominfo'))
      .send({ toUnit: 'dinsos', reason: 'needs-other-agency' })
      .expect(200);
    expect(moved.body.dueAt).not.toBeNull();
  });

  it('refuses a bad NIK naming the reason, and anyone but Diskominfo', async () => {
    const t = await waitingTicket();
    const bad = await check(t.id, '3171991505800000');
    expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
    expect(bad.body.message).toContain('serial');
    expectErrorShape((await check(t.id, RECEIVING, 'operator')).body, 403);
  });

  it('reveals a full NIK only with a reason, and logs who read whose and why', async () => {
    const t = await waitingTicket();
    await check(t.id, UNKNOWN).then((r) => expect(r.status).toBe(200));
    const reveal = (headers: Record<string, string>, body: object) =>
      api.http().post('/api/v1/pii/reveal').set(headers).send(body);

    const noReason = await reveal(await as('diskominfo'), {
      subject: 'complaint',
      id: t.id,
      field: 'nik',
    });
    expectErrorShape(noReason.body, 400);
    const byUnit = await reveal(await as('unit'), {
      subject: 'complaint',
      id: t.id,
      field: 'nik',
      reason: 'Verifikasi data pelapor',
    });
    expectErrorShape(byUnit.body, 403);

    const shown = await reveal(await as('diskominfo'), {
      subject: 'complaint',
      id: t.id,
      field: 'nik',
      reason: 'Mengisi formulir permohonan bersama pelapor',
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ value: UNKNOWN });

    // The registry's own record is read through the ticket whose check found it.
    const registered = await waitingTicket();
    await check(registered.id, RECEIVING).then((r) => expect(r.status).toBe(200));
    const kk = await reveal(await as('diskominfo'), {
      subject: 'registry',
      id: registered.id,
      field: 'kk',
      reason: 'Verifikasi lapangan keluarga',
    });
    expect(kk.body).toEqual({ value: '3171991203150007' });

    const log = await api
      .http()
      .get('/api/v1/pii/access-log?limit=200')
      .set(await as('admin'))
      .expect(200);
    expect(log.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'complaint',
          subjectId: t.id,
          field: 'nik',
          role: 'diskominfo',
          reason: 'Mengisi formulir permohonan bersama pelapor',
        }),
        expect.objectContaining({ subject: 'registry', field: 'kk', role: 'diskominfo' }),
      ]),
    );
    expect(log.body.data).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'unit' })]),
    );
    await expect(db.query('DELETE FROM pii_access_log')).rejects.toThrow(/append-only/);

    // At rest the ticket holds no plain NIK anywhere.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM complaints c WHERE c.id = $1 AND c::text LIKE $2`,
      [t.id, `%${UNKNOWN}%`],
    );
    expect(n).toBe(0);
  });
});
