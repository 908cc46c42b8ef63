import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { parseNik } from '@crm/identity';
import { seededRandom, syntheticKk, syntheticNik } from '@crm/testing';
import { expectErrorShape } from './support/test-api';
import { prelistedHousehold } from './support/prelisted';
import { startTestApi, TestApi } from './support/test-api';

describe('prelist stages: the reporter follows them, the entry runs its own clock', () => {
  let api: TestApi;
  let db: DataSource;
  const random = seededRandom(44);
  const token = async (
    role: 'diskominfo' | 'verifier' | 'unit' | 'dashboard',
    unit = 'diskominfo',
  ) => ({ Authorization: `Bearer ${await api.token(role, unit)}` });

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const track = async (trackingNumber: string) =>
    (await api.http().get(`/api/v1/complaints/track/${trackingNumber}`).expect(200)).body;

  /** Dinsos verifies the Musyawarah's result again (§3.1.3.4.h); Diskominfo sends the kelurahan's batch. */
  async function reverifyAndSend(entryId: string, kelurahan: string): Promise<void> {
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await token('verifier', 'dinsos'))
      .send({ result: 'ditemukan', note: 'Verivali hasil musyawarah' })
      .expect(200);
    await api
      .http()
      .post('/api/v1/prelist/exports')
      .set(await token('diskominfo'))
      .send({ kelurahan })
      .expect(201);
  }

  it('shows a prelisted complaint’s prelist stages on /track, not a bare selesai', async () => {
    const kelurahan = '31.71.04.1001';
    const { entryId, headNik, trackingNumber } = await prelistedHousehold(api, random, {
      kelurahanCode: kelurahan,
    });
    const received = await track(trackingNumber);
    expect(received.status).toBe('selesai');
    expect(received.prelist).toMatchObject({ stage: 'diterima', stages: [{ stage: 'diterima' }] });

    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await token('verifier', 'dppapp'))
      .send({ result: 'ditemukan', note: 'Kader dasawisma' })
      .expect(200);
    expect((await track(trackingNumber)).prelist.stage).toBe('diverifikasi');
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', kelurahan))
      .send({ eligible: true, note: 'Musyawarah: layak' })
      .expect(200);
    await reverifyAndSend(entryId, kelurahan);
    await api
      .http()
      .post('/api/v1/prelist/feedback')
      .set(await token('diskominfo'))
      .attach('file', Buffer.from(`nik,ditetapkan\n${headNik},Ya\n`), {
        filename: 'balikan.csv',
        contentType: 'text/csv',
      })
      .expect(200);
    const decided = await track(trackingNumber);
    expect(decided.prelist.stage).toBe('diputuskan');
    expect(decided.prelist.stages).toEqual([
      { stage: 'diterima', at: expect.any(String) },
      { stage: 'diverifikasi', at: expect.any(String) },
      { stage: 'dimusyawarahkan', at: expect.any(String), eligible: true },
      { stage: 'diverifikasi_ulang', at: expect.any(String) },
      { stage: 'dikirim', at: expect.any(String) },
      { stage: 'diputuskan', at: expect.any(String), setByDecree: true },
    ]);
    // Still nothing personal on the public view.
    expect(JSON.stringify(decided)).not.toContain(headNik);
    expect(JSON.stringify(decided)).not.toContain('Bapak');
    // The reporter is told of each stage (no gateway here: the notices wait as not configured).
    const told = async () =>
      (
        (await db.query(
          `SELECT n.message FROM notifications n JOIN complaints c ON c.id = n.complaint_id
            WHERE c.tracking_number = $1 AND n.kind = 'prelist' ORDER BY n.sequence`,
          [trackingNumber],
        )) as { message: string }[]
      ).map((row) => row.message);
    for (let i = 0; i < 100 && (await told()).length < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const messages = await told();
    expect(messages.map((m) => /rumah tangga Anda (.*) dalam prelist/.exec(m)?.[1])).toEqual([
      'telah tercatat',
      'telah diverifikasi petugas',
      'telah dibahas dalam Musyawarah Kelurahan',
      'telah diusulkan untuk penetapan',
      'telah diputuskan',
    ]);
    expect(messages.join(' ')).not.toContain(headNik);
  });

  /** The default schedule (PRELIST_DETERMINATION_DATES=06-30,12-31): cut-offs 30 April, 31 October. */
  function currentCycle(now = new Date()) {
    const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const cycles = [year, year + 1].flatMap((y) => [
      { id: `${y}-06-30`, determination: `${y}-06-30`, cutOff: `${y}-04-30` },
      { id: `${y}-12-31`, determination: `${y}-12-31`, cutOff: `${y}-10-31` },
    ]);
    return cycles.find((cycle) => cycle.cutOff >= today)!;
  }

  it('puts an entry in the cycle whose cut-off has not passed; one that missed it waits for the next, visibly', async () => {
    const current = currentCycle();
    const kelurahan = '31.71.04.1003';
    const { entryId, trackingNumber } = await prelistedHousehold(api, random, {
      kelurahanCode: kelurahan,
    });
    const list = async (query: string) =>
      (
        await api
          .http()
          .get(`/api/v1/prelist?${query}&limit=200`)
          .set(await token('diskominfo'))
          .expect(200)
      ).body.data as { id: string; cycle: object; dueAt: string; overdue: boolean }[];
    const fresh = (await list(`kelurahan=${kelurahan}`)).find((e) => e.id === entryId)!;
    expect(fresh.cycle).toEqual({ ...current, carriedOverFrom: null });

    // As if it had been prelisted for the cycle of 30 June 2025 and deliberated too late for it.
    await db.query(`UPDATE prelist_entries SET cycle_id = '2025-06-30' WHERE id = $1`, [entryId]);
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await token('verifier', 'dinsos'))
      .send({ result: 'ditemukan', note: 'Pendamsos' })
      .expect(200);
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', kelurahan))
      .send({ eligible: true, note: 'Musyawarah: layak' })
      .expect(200);
    const late = (await list(`kelurahan=${kelurahan}`)).find((e) => e.id === entryId)!;
    expect(late).toMatchObject({
      cycle: { ...current, carriedOverFrom: '2025-06-30' },
      // Due by its own cycle's cut-off, the end of 30 April 2025 in Jakarta: missed.
      dueAt: '2025-04-30T16:59:59.999Z',
      overdue: true,
    });
    expect((await list(`cycle=${current.id}`)).map((e) => e.id)).toContain(entryId);
    expect((await list('cycle=2025-06-30')).map((e) => e.id)).not.toContain(entryId);
    const badCycle = await api
      .http()
      .get('/api/v1/prelist?cycle=30-06-2025')
      .set(await token('diskominfo'));
    expect(badCycle.status).toBe(400);

    const figures = await api
      .http()
      .get('/api/v1/dashboard/prelist')
      .set(await token('dashboard'))
      .expect(200);
    const counted = figures.body.byCycle.find((c: { id: string }) => c.id === current.id);
    expect(counted).toMatchObject({ cutOff: current.cutOff, current: true });
    expect(counted.byStage.layak).toBeGreaterThanOrEqual(1);
    expect(counted.carriedOver).toBeGreaterThanOrEqual(1);
    expect((await track(trackingNumber)).prelist.cycle).toEqual({
      ...current,
      carriedOverFrom: '2025-06-30',
    });

    // Verified again and sent now: in the current cycle, its clock stopped.
    await reverifyAndSend(entryId, kelurahan);
    const sent = (await list(`kelurahan=${kelurahan}`)).find((e) => e.id === entryId)!;
    expect(sent).toMatchObject({
      cycle: { id: current.id, carriedOverFrom: '2025-06-30' },
      dueAt: null,
      overdue: false,
    });
  });

  it('lets the Musyawarah add a household that never complained; the officers verify it again before it is sent', async () => {
    const kelurahan = '31.71.04.1004';
    const headNik = syntheticNik(random, 'P');
    const head = parseNik(headNik);
    if (!head.valid) throw new Error('synthetic NIK invalid');
    const household = {
      kk: syntheticKk(random),
      address: 'Gg. Musyawarah 4, RT 01/RW 02',
      kelurahanCode: kelurahan,
      monthlyExpenditure: 500_000,
      members: [
        {
          nik: headNik,
          name: 'Ibu Baru',
          relation: 'Kepala Keluarga',
          sex: head.parts.sex,
          birthDate: head.parts.birthDate,
        },
      ],
      note: 'Diidentifikasi dalam Musyawarah Kelurahan sebagai peserta baru',
    };
    const add = async (unit: string, body: object) =>
      api
        .http()
        .post('/api/v1/prelist')
        .set(await token('unit', unit))
        .send(body);
    expectErrorShape((await add('31.71.04.1005', household)).body, 403, 'ACTION_NOT_ALLOWED');
    const added = await add(kelurahan, household);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      source: 'muskel',
      status: 'layak',
      complaintIds: [],
      muskel: { eligible: true, note: household.note },
      reverificationDue: true,
      reverifiedAt: null,
    });
    const entryId = added.body.id as string;
    expectErrorShape((await add(kelurahan, household)).body, 409, 'ALREADY_PRELISTED');

    // Not sent before the authorised officers verify the Musyawarah's result (§3.1.3.4.h).
    const matriks3 = async () =>
      (
        await api
          .http()
          .get(`/api/v1/prelist/export.csv?kelurahan=${kelurahan}`)
          .set(await token('diskominfo'))
          .expect(200)
      ).text;
    expect(await matriks3()).not.toContain(headNik);
    // It is on the verifiers' task list.
    const tasks = await api
      .http()
      .get(`/api/v1/prelist?kelurahan=${kelurahan}&limit=200`)
      .set(await token('verifier', 'dppapp'))
      .expect(200);
    expect(tasks.body.data.map((e: { id: string }) => e.id)).toContain(entryId);
    const reverified = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await token('verifier', 'dppapp'))
      .send({ result: 'ditemukan', note: 'Kader dasawisma memverifikasi hasil musyawarah' })
      .expect(200);
    expect(reverified.body).toMatchObject({ status: 'layak', reverificationDue: false });
    expect(await matriks3()).toContain(headNik);
    const after = await api
      .http()
      .get(`/api/v1/prelist?kelurahan=${kelurahan}&limit=200`)
      .set(await token('verifier', 'dppapp'))
      .expect(200);
    expect(after.body.data.map((e: { id: string }) => e.id)).not.toContain(entryId);
  });

  it('lists entries past their stage’s deadline, and the dashboard shows them by stage', async () => {
    const { entryId } = await prelistedHousehold(api, random, { kelurahanCode: '31.71.04.1002' });
    const fresh = await api
      .http()
      .get('/api/v1/prelist?kelurahan=31.71.04.1002&limit=200')
      .set(await token('diskominfo'));
    const entry = fresh.body.data.find((e: { id: string }) => e.id === entryId);
    // 14 days for the first verification (PRELIST_VERIFICATION_DAYS, a local decision).
    expect(Date.parse(entry.dueAt) - Date.parse(entry.createdAt)).toBe(14 * 86_400_000);
    expect(entry.overdue).toBe(false);

    // The entry has waited 15 days: its verification is overdue.
    await db.query(
      `UPDATE prelist_entries SET created_at = now() - interval '15 days' WHERE id = $1`,
      [entryId],
    );
    const overdue = await api
      .http()
      .get('/api/v1/prelist?overdue=true&limit=200')
      .set(await token('diskominfo'));
    expect(overdue.body.data.find((e: { id: string }) => e.id === entryId)).toMatchObject({
      overdue: true,
      status: 'menunggu_verifikasi',
    });
    const onTime = await api
      .http()
      .get('/api/v1/prelist?overdue=false&limit=200')
      .set(await token('diskominfo'));
    expect(onTime.body.data.map((e: { id: string }) => e.id)).not.toContain(entryId);

    const figures = await api
      .http()
      .get('/api/v1/dashboard/prelist')
      .set(await token('dashboard'))
      .expect(200);
    expect(figures.body.byStage.menunggu_verifikasi).toBeGreaterThanOrEqual(1);
    expect(figures.body.overdue.byStage.menunggu_verifikasi).toBeGreaterThanOrEqual(1);
    expect(figures.body.overdue.entries).toEqual(
      expect.arrayContaining([
        {
          id: entryId,
          kelurahanCode: '31.71.04.1002',
          status: 'menunggu_verifikasi',
          dueAt: expect.any(String),
        },
      ]),
    );
    // Verified now: the Musyawarah's 30 days start, and it is no longer overdue.
    const verified = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await token('verifier', 'dinsos'))
      .send({ result: 'ditemukan', note: 'Pendamsos' })
      .expect(200);
    expect(verified.body.overdue).toBe(false);
    expect(Date.parse(verified.body.dueAt) - Date.parse(verified.body.verifiedAt)).toBe(
      30 * 86_400_000,
    );
  });

  it('describes the new endpoints in the OpenAPI document', async () => {
    const res = await api.http().get('/docs-json').expect(200);
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    const { paths, components } = res.body;
    expect(paths['/api/v1/prelist'].post).toBeDefined();
    expect(paths['/api/v1/dashboard/prelist'].get).toBeDefined();
    // The bodies; the answers' fields come from the Nest CLI's swagger plugin, in the build.
    expect(Object.keys(components.schemas)).toEqual(
      expect.arrayContaining(['MuskelHouseholdDto', 'VerificationDto', 'RegistryCheckDto']),
    );
  });
});
