import { DataSource } from 'typeorm';
import { parseNik } from '@crm/identity';
import { seededRandom, syntheticKk, syntheticNik } from '@crm/testing';
import { applicationForm } from './support/application-form';
import { prelistedHousehold } from './support/prelisted';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

describe('not yet in the database: application, triage, prelist', () => {
  let api: TestApi;
  let db: DataSource;
  const random = seededRandom(42);
  const as = async (role: 'diskominfo' | 'operator' | 'unit', unit?: string) => ({
    Authorization: `Bearer ${await api.token(role, unit ?? (role === 'unit' ? 'dinsos' : 'diskominfo'), role === 'operator' ? ['sms'] : undefined)}`,
  });

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const get = async (id: string) =>
    (
      await api
        .http()
        .get(`/api/v1/complaints/${id}`)
        .set(await as('diskominfo'))
    ).body;
  const post = async (
    id: string,
    path: string,
    body: object,
    role: 'diskominfo' | 'operator' | 'unit' = 'diskominfo',
    unit?: string,
  ) =>
    api
      .http()
      .post(`/api/v1/complaints/${id}/${path}`)
      .set(await as(role, unit))
      .send(body);

  /** An SMS complaint on the poverty path, once routing has placed it: its id. */
  async function povertyComplaint(
    reporter: { name: string; phone: string },
    description: string,
  ): Promise<string> {
    const res = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'sms',
        details: { senderNumber: reporter.phone },
        reporter,
        description,
        category: 'belum-terdata',
      })
      .expect(201);
    for (let i = 0; i < 100 && !(await get(res.body.id)).routedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return res.body.id as string;
  }

  /** An SMS complaint whose reporter the registry check did not find. */
  async function notRegistered(
    headNik = syntheticNik(random, 'P'),
  ): Promise<{ id: string; headNik: string }> {
    const id = await povertyComplaint(
      { name: 'Ibu Contoh', phone: '081200000077' },
      'Keluarga kami miskin dan belum menerima bantuan apa pun',
    );
    const checked = await post(id, 'registry-check', { nik: headNik });
    expect(checked.body.result).toBe('not_registered');
    return { id, headNik };
  }

  function form(headNik: string, overrides: Record<string, unknown> = {}) {
    return {
      ...applicationForm(random, headNik, { kelurahanCode: '31.72.01.1001', children: 3 }),
      ...overrides,
    };
  }

  it('only after a not_registered check, and only with the form before the triage', async () => {
    const res = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'sms',
        details: { senderNumber: '081200000078' },
        reporter: { name: 'Warga', phone: '081200000078' },
        description: 'Belum terdata sebagai warga miskin',
      })
      .expect(201);
    const early = await post(res.body.id, 'application', form(syntheticNik(random)));
    expectErrorShape(early.body, 409, 'NOT_AFTER_REGISTRY_CHECK');

    const { id } = await notRegistered();
    const noForm = await post(id, 'triage', { emergency: false, reason: 'Masuk prelist' });
    expectErrorShape(noForm.body, 409, 'NO_APPLICATION');
  });

  it('suggests from the form, checking each member against their NIK', async () => {
    const { id, headNik } = await notRegistered();
    const before = await get(id);
    expect(before.dueAt).toBeNull(); // paused while waiting for the form

    const wrongSex = form(headNik);
    wrongSex.members[0] = { ...wrongSex.members[0], sex: 'L' };
    const bad = await post(id, 'application', wrongSex);
    expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
    expect(bad.body.message).toContain('members.0.sex');

    const ok = await post(id, 'application', form(headNik), 'operator');
    expect(ok.status).toBe(200);
    // 1,200,000 for four people: 300,000 each, under the extreme-poverty line of 322,170.
    expect(ok.body.suggestion).toEqual({
      emergency: false,
      povertyLevel: 'ekstrem',
      perCapitaExpenditure: 300_000,
    });
    const poor = await post(id, 'application', form(headNik, { monthlyExpenditure: 2_800_000 }));
    expect(poor.body.suggestion).toMatchObject({
      povertyLevel: 'miskin',
      perCapitaExpenditure: 700_000,
    });
    expect((await get(id)).dueAt).not.toBeNull(); // the form arrived: the clock runs again
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM applications a WHERE a.complaint_id = $1 AND a::text LIKE $2`,
      [id, `%${headNik}%`],
    );
    expect(n).toBe(0); // no plain NIK at rest
  });

  it('puts a non-emergency on the prelist and closes the complaint by itself', async () => {
    const { id, headNik } = await notRegistered();
    await post(id, 'application', form(headNik)).then((r) => expect(r.status).toBe(200));
    const triaged = await post(id, 'triage', {
      emergency: false,
      reason: 'Tidak darurat: masuk prelist',
    });
    expect(triaged.status).toBe(200);
    expect(triaged.body.childTicketId).toBeUndefined();
    const after = await get(id);
    expect(after.status).toBe('selesai');
    expect(
      after.history
        .slice(-2)
        .map((e: { type: string; actor: string }) => [e.type, e.actor === 'system']),
    ).toEqual([
      ['triage', false],
      ['closed', true],
    ]);

    // A second complaint about the same household links to the same entry.
    const second = await notRegistered(headNik);
    await post(second.id, 'application', form(headNik)).then((r) => expect(r.status).toBe(200));
    const again = await post(second.id, 'triage', { emergency: false, reason: 'Pengaduan kedua' });
    expect(again.body.prelistEntryId).toBe(triaged.body.prelistEntryId);
    const [entry] = await db.query(`SELECT complaint_ids FROM prelist_entries WHERE id = $1`, [
      triaged.body.prelistEntryId,
    ]);
    expect(entry.complaint_ids).toEqual([id, second.id]);
  });

  it('takes a household with members without a NIK, prelists it and routes it to Disdukcapil', async () => {
    const id = await povertyComplaint(
      { name: 'Ibu Tanpa NIK', phone: '081200000079' },
      'Kami tidak punya KTP dan belum pernah menerima bantuan',
    );
    expectErrorShape((await post(id, 'registry-check', {})).body, 400, 'VALIDATION_FAILED');
    const checked = await post(id, 'registry-check', { withoutNik: true });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      result: 'not_registered',
      person: null,
      withoutNik: true,
    });
    expect((await get(id)).history.at(-1)).toMatchObject({
      type: 'registry-check',
      data: { result: 'not_registered', nik: null, withoutNik: true },
    });

    const childNik = syntheticNik(random);
    const child = parseNik(childNik);
    if (!child.valid) throw new Error('synthetic NIK invalid');
    const household = {
      address: 'Kolong Jembatan, RT 09/RW 01',
      kelurahanCode: '31.72.01.1001',
      monthlyExpenditure: 600_000,
      members: [
        {
          withoutNik: true,
          name: 'Ibu Tanpa NIK',
          relation: 'Kepala Keluarga',
          sex: 'P',
          birthDate: '1985-02-01',
        },
        {
          nik: childNik,
          name: 'Anak',
          relation: 'Anak',
          sex: child.parts.sex,
          birthDate: child.parts.birthDate,
        },
        { withoutNik: true, name: 'Bayi', relation: 'Anak', sex: 'L', birthDate: '2025-10-01' },
      ],
      conditions: [],
    };
    // A member with neither a NIK nor withoutNik is a mistake, not a member without a NIK.
    const noFlag = await post(id, 'application', {
      ...household,
      members: [{ ...household.members[0], withoutNik: undefined }, ...household.members.slice(1)],
    });
    expectErrorShape(noFlag.body, 400, 'VALIDATION_FAILED');
    expect(noFlag.body.message).toContain('members.0.nik');
    const both = await post(id, 'application', {
      ...household,
      members: [{ ...household.members[1], withoutNik: true }],
    });
    expectErrorShape(both.body, 400, 'VALIDATION_FAILED');
    expect(both.body.message).toContain('members.0.withoutNik');

    // No family card either: accepted, as the household has members without a NIK.
    const applied = await post(id, 'application', household);
    expect(applied.status).toBe(200);
    expect(applied.body.suggestion).toMatchObject({ povertyLevel: 'ekstrem' });
    const triaged = await post(id, 'triage', { emergency: false, reason: 'Masuk prelist' });
    expect(triaged.status).toBe(200);
    const { prelistEntryId, registrationTicketId } = triaged.body;
    expect(registrationTicketId).toBeDefined();

    const registration = await get(registrationTicketId);
    expect(registration).toMatchObject({
      status: 'disposisi',
      emergency: false,
      assignedUnit: { code: 'disdukcapil' },
      category: { code: 'belum-terdata' },
    });
    const parent = await get(id);
    expect(parent.children).toEqual([registrationTicketId]);
    expect(parent.status).not.toBe('selesai'); // it waits for the registration too
    expect(parent.history.at(-1)).toMatchObject({
      type: 'triage',
      data: { membersWithoutNik: 2, registrationTicketId },
    });

    const list = await api
      .http()
      .get('/api/v1/prelist?limit=200')
      .set(await as('diskominfo'));
    const entry = list.body.data.find((e: { id: string }) => e.id === prelistEntryId);
    expect(entry).toMatchObject({ needsRegistration: true, registrationTicketId });
    expect(
      entry.members.map((m: { nik: string | null; withoutNik?: boolean }) => [
        m.nik === null,
        m.withoutNik ?? false,
      ]),
    ).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ]);
    // Disdukcapil's staff register the members; once validated, the complaint closes by itself.
    await post(registrationTicketId, 'accept', {}, 'unit', 'disdukcapil').then((r) =>
      expect(r.status).toBe(200),
    );
    await post(
      registrationTicketId,
      'follow-ups',
      { note: 'NIK diterbitkan' },
      'unit',
      'disdukcapil',
    ).then((r) => expect(r.status).toBe(200));
    await post(registrationTicketId, 'validation', { decision: 'approve' }).then((r) =>
      expect(r.status).toBe(200),
    );
    expect((await get(id)).status).toBe('selesai');
  });

  it('handles an emergency at once and in parallel prelists it; the parent waits for the child', async () => {
    const { id, headNik } = await notRegistered();
    const suggested = await post(
      id,
      'application',
      form(headNik, { conditions: ['no_food_today'] }),
    );
    expect(suggested.body.suggestion.emergency).toBe(true);
    const noUnit = await post(id, 'triage', {
      emergency: true,
      reason: 'Tidak ada makanan hari ini',
    });
    expectErrorShape(noUnit.body, 400);
    expectErrorShape(
      (await post(id, 'triage', { emergency: false, reason: 'x'.repeat(5) }, 'operator')).body,
      403,
    );

    const triaged = await post(id, 'triage', {
      emergency: true,
      handlingUnit: 'dinsos',
      reason: 'Tidak ada makanan hari ini',
    });
    expect(triaged.status).toBe(200);
    const { prelistEntryId, childTicketId } = triaged.body;
    expect(prelistEntryId).toBeDefined();
    const child = await get(childTicketId);
    expect(child).toMatchObject({
      status: 'disposisi',
      emergency: true,
      assignedUnit: { code: 'dinsos' },
    });
    expect(Date.parse(child.dueAt) - Date.parse(child.assignedAt)).toBe(24 * 3_600_000);
    const parent = await get(id);
    expect(parent.children).toEqual([childTicketId]);
    expect(parent.status).not.toBe('selesai');

    // Taking the parent all the way to validation is refused while the child is open.
    await post(id, 'dispositions', { toUnit: 'dinsos', reason: 'needs-other-agency' }).then((r) =>
      expect(r.status).toBe(200),
    );
    await post(id, 'accept', {}, 'unit').then((r) => expect(r.status).toBe(200));
    await post(id, 'follow-ups', { note: 'Keluarga didampingi' }, 'unit').then((r) =>
      expect(r.status).toBe(200),
    );
    const early = await post(id, 'validation', { decision: 'approve' });
    expectErrorShape(early.body, 409, 'WAITING_FOR_PRELIST');

    // The emergency is handled and validated: the parent closes by itself. Accepting it keeps
    // its 24 hours from creation: an agency's 7 days are not an emergency's.
    await post(childTicketId, 'accept', {}, 'unit').then((r) => expect(r.status).toBe(200));
    const accepted = await get(childTicketId);
    expect(accepted).toMatchObject({
      status: 'proses',
      assignedAt: child.assignedAt,
      dueAt: child.dueAt,
      resolutionDueAt: child.dueAt,
    });
    // Opened and assigned in one step: 24 hours from its creation.
    expect(Date.parse(accepted.dueAt) - Date.parse(accepted.assignedAt)).toBe(24 * 3_600_000);
    await post(childTicketId, 'follow-ups', { note: 'Bantuan pangan diantar' }, 'unit').then((r) =>
      expect(r.status).toBe(200),
    );
    await post(childTicketId, 'validation', { decision: 'approve' }).then((r) =>
      expect(r.status).toBe(200),
    );
    const closed = await get(id);
    expect(closed.status).toBe('selesai');
    expect(closed.history.at(-1)).toMatchObject({ type: 'closed', actor: 'system' });
  });
});

describe('prelist: verification, deliberation, Matriks 3', () => {
  let api: TestApi;
  const random = seededRandom(43);
  const token = async (
    role: 'diskominfo' | 'operator' | 'verifier' | 'unit' | 'admin',
    unit = 'diskominfo',
  ) => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['sms'] : undefined)}`,
  });

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  /** A household triaged onto the prelist: its entry id, head NIK and complaint. */
  const prelisted = (others: object[] = [], kelurahanCode = '31.71.01.1001') =>
    prelistedHousehold(api, random, { kelurahanCode, others });

  it('goes to the Musyawarah on Dinsos alone (DPPAPP, Dinsos and/or Disdukcapil); the others may still add theirs', async () => {
    const { entryId } = await prelisted();
    const verify = async (agency: string, body: object) =>
      api
        .http()
        .post(`/api/v1/prelist/${entryId}/verifications`)
        .set(await token('verifier', agency))
        .send(body);
    const dinsos = await verify('dinsos', { result: 'ditemukan', note: 'Divalidasi pendamsos' });
    expect(dinsos.status).toBe(200);
    expect(dinsos.body.status).toBe('diverifikasi');
    expect(dinsos.body.verifications).toEqual({
      dinsos: expect.objectContaining({ result: 'ditemukan' }),
    });
    // DPPAPP has not spoken and need not; it still may, until the Musyawarah decides.
    const late = await verify('dppapp', { result: 'ditemukan', note: 'Kader dasawisma' });
    expect(late.status).toBe(200);
    expect(late.body.status).toBe('diverifikasi');
    const decided = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', '31.71.01.1001'))
      .send({ eligible: true, note: 'Musyawarah: layak' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('layak');
    expect(decided.body.reverificationDue).toBe(true);
    // After the Musyawarah, a verification is its re-verification (§3.1.3.4.h).
    const reverified = await verify('disdukcapil', { result: 'ditemukan', note: 'Verivali' });
    expect(reverified.status).toBe(200);
    expect(reverified.body).toMatchObject({
      status: 'layak',
      reverificationDue: false,
      reverifiedAt: expect.any(String),
    });
  });

  it('exports Matriks 3 one row per person: a death and a move as such, programmes from the registry', async () => {
    const member = (nik: string, name: string, relation: string) => {
      const parsed = parseNik(nik);
      if (!parsed.valid) throw new Error('synthetic NIK invalid');
      return { nik, name, relation, sex: parsed.parts.sex, birthDate: parsed.parts.birthDate };
    };
    const wifeNik = syntheticNik(random, 'P');
    const grandmotherNik = syntheticNik(random, 'P');
    const sonNik = syntheticNik(random, 'L');
    // This kelurahan is the test's own: its Matriks 3 holds this household only.
    const kelurahan = '31.71.03.1001';
    const { entryId, headNik } = await prelisted(
      [
        member(wifeNik, 'Ibu Contoh', 'Istri'),
        member(grandmotherNik, 'Nenek Contoh', 'Orang Tua'),
        member(sonNik, '=HYPERLINK("x")', 'Anak'),
      ],
      kelurahan,
    );
    // The wife and the son are in the registry (another household's card), with programmes.
    const registry = [
      'id_keluarga_p3ke,id_individu_p3ke,nik,no_kk,nama,jenis_kelamin,hubungan,kelurahan_code,desil,program_pusat,program_daerah',
      `KLG-M3-1,IND-M3-1,${wifeNik},${syntheticKk(random)},Ibu Contoh,P,Istri,${kelurahan},1,PKH;BPNT,KJP Plus`,
      `KLG-M3-1,IND-M3-2,${sonNik},${syntheticKk(random)},Anak Contoh,L,Anak,${kelurahan},1,BSPS,Dana Desa`,
    ].join('\n');
    await api
      .http()
      .post('/api/v1/registry/imports')
      .set(await token('diskominfo'))
      .attach('file', Buffer.from(registry), { filename: 'p3ke.csv', contentType: 'text/csv' })
      .expect(201);

    const verify = async (agency: string, body: object) =>
      api
        .http()
        .post(`/api/v1/prelist/${entryId}/verifications`)
        .set(await token('verifier', agency))
        .send(body);
    const beyond = await verify('disdukcapil', {
      result: 'ditemukan',
      members: [{ member: 4, result: 'meninggal' }],
      note: 'Di luar rumah tangga',
    });
    expectErrorShape(beyond.body, 400, 'VALIDATION_FAILED');
    expect(beyond.body.message).toContain('members.0.member');
    const correctedSon = syntheticNik(random, 'L');
    const recorded = await verify('disdukcapil', {
      result: 'ditemukan',
      members: [
        { member: 2, result: 'meninggal' },
        { member: 3, result: 'pindah', correctedNik: correctedSon },
      ],
      note: 'Nenek meninggal; anak pindah ke luar kota',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.verifications.disdukcapil.members).toEqual([
      { member: 2, result: 'meninggal' },
      { member: 3, result: 'pindah' },
    ]);
    // Dinsos found the household; its word does not undo Disdukcapil's death record.
    await verify('dinsos', { result: 'ditemukan', note: 'Keluarga ditemui' }).then((r) =>
      expect(r.status).toBe(200),
    );
    // Not eligible: exported all the same, with its death and its move.
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', kelurahan))
      .send({ eligible: false, note: 'Musyawarah: tidak layak' })
      .expect(200);
    // Not in Matriks 3 before the officers verify the Musyawarah's result again (§3.1.3.4.h).
    const early = await api
      .http()
      .get(`/api/v1/prelist/export.csv?kelurahan=${kelurahan}`)
      .set(await token('diskominfo'))
      .expect(200);
    expect(early.text).not.toContain(headNik);
    await verify('disdukcapil', {
      result: 'ditemukan',
      members: [
        { member: 2, result: 'meninggal' },
        { member: 3, result: 'pindah', correctedNik: correctedSon },
      ],
      note: 'Verivali hasil musyawarah',
    }).then((r) => expect(r.status).toBe(200));

    const csv = await api
      .http()
      .get(`/api/v1/prelist/export.csv?kelurahan=${kelurahan}`)
      .set(await token('diskominfo'))
      .expect(200);
    const rows = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows).toEqual([
      [
        '',
        '',
        'Bapak Contoh',
        headNik,
        '',
        'Laki-laki',
        'Kepala Keluarga',
        'Ditemukan',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
      ],
      [
        'KLG-M3-1',
        'IND-M3-1',
        'Ibu Contoh',
        wifeNik,
        '',
        'Perempuan',
        'Istri',
        'Ditemukan',
        'Tidak',
        'Ya',
        'Tidak',
        'Ya',
        'Tidak',
        'Ya',
      ],
      [
        '',
        '',
        'Nenek Contoh',
        grandmotherNik,
        '',
        'Perempuan',
        'Orang Tua',
        'Meninggal',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
        'Tidak',
      ],
      // The registry knows the son by the NIK the form gave (his corrected one is not in it).
      [
        'KLG-M3-1',
        'IND-M3-2',
        `"'=HYPERLINK(""x"")"`,
        sonNik,
        correctedSon,
        'Laki-laki',
        'Anak',
        'Pindah',
        'Tidak',
        'Tidak',
        'Ya',
        'Tidak',
        'Ya',
        'Tidak',
      ],
    ]);

    // The batch sends it (marked sent, not for ranking: it stays tidak_layak), once.
    const batch = await api
      .http()
      .post('/api/v1/prelist/exports')
      .set(await token('diskominfo'))
      .send({ kelurahan })
      .expect(201);
    expect(batch.body.entryIds).toEqual([entryId]);
    const again = await api
      .http()
      .post('/api/v1/prelist/exports')
      .set(await token('diskominfo'))
      .send({ kelurahan })
      .expect(201);
    expect(again.body.entries).toBe(0);
    const afterSending = await verify('dppapp', { result: 'ditemukan', note: 'Terlambat' });
    expectErrorShape(afterSending.body, 409, 'INVALID_TRANSITION');
    const listed = await api
      .http()
      .get(`/api/v1/prelist?kelurahan=${kelurahan}&limit=200`)
      .set(await token('diskominfo'));
    expect(listed.body.data.find((e: { id: string }) => e.id === entryId)).toMatchObject({
      status: 'tidak_layak',
      exportedAt: expect.any(String),
    });
  });

  it('is verified by the three agencies, decided by the kelurahan, and exported as Matriks 3', async () => {
    const { entryId, headNik } = await prelisted();
    const verify = async (agency: string, body: object) =>
      api
        .http()
        .post(`/api/v1/prelist/${entryId}/verifications`)
        .set(await token('verifier', agency))
        .send(body);

    // A verifier sees its own agency's task only.
    const list = await api
      .http()
      .get('/api/v1/prelist?limit=200')
      .set(await token('verifier', 'dinsos'))
      .expect(200);
    const mine = list.body.data.find((e: { id: string }) => e.id === entryId);
    expect(Object.keys(mine.verifications)).toEqual(['dinsos']);
    expect(mine.members[0].nik).toMatch(/^\d{4}\*{8}\d{4}$/);

    // The deliberation waits for the verification.
    const early = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', '31.71.01.1001'))
      .send({ eligible: true, note: 'Layak' });
    expectErrorShape(early.body, 409, 'INVALID_TRANSITION');

    expect(
      (await verify('dppapp', { result: 'ditemukan', note: 'Dikunjungi kader dasawisma' })).status,
    ).toBe(200);
    expect(
      (await verify('dinsos', { result: 'ditemukan', note: 'Divalidasi pendamping sosial' }))
        .status,
    ).toBe(200);
    const correctedNik = syntheticNik(random, 'L');
    const last = await verify('disdukcapil', {
      result: 'pindah',
      correctedNik,
      note: 'Pindah alamat dalam kelurahan',
    });
    expect(last.body.status).toBe('diverifikasi');
    const notAnAgency = await verify('31.71.01.1001', { result: 'ditemukan', note: 'x'.repeat(5) });
    expectErrorShape(notAnAgency.body, 403);

    const otherKelurahan = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', '31.71.06.1005'))
      .send({ eligible: true, note: 'Layak' });
    expectErrorShape(otherKelurahan.body, 404);
    const decided = await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(await token('unit', '31.71.01.1001'))
      .send({ eligible: true, note: 'Musyawarah: layak' })
      .expect(200);
    expect(decided.body.status).toBe('layak');
    await verify('dinsos', { result: 'ditemukan', note: 'Verivali hasil musyawarah' }).then((r) =>
      expect(r.status).toBe(200),
    );

    const csv = await api
      .http()
      .get('/api/v1/prelist/export.csv')
      .set(await token('diskominfo'))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0].split(',')).toEqual([
      'ID Keluarga P3KE',
      'ID Individu P3KE',
      'Nama',
      'NIK',
      'Perbaikan NIK',
      'Jenis Kelamin',
      'Hubungan dengan Kepala Keluarga',
      'Verifikasi',
      'Ditetapkan Kepala Daerah',
      'Penerima Program Pusat: PKH',
      'Penerima Program Pusat: BSPS',
      'Penerima Program Pusat: Lainnya',
      'Penerima Program Daerah: Dana Desa',
      'Penerima Program Daerah: Lainnya',
    ]);
    const row = lines.find((line) => line.includes(headNik))!.split(',');
    expect(row.slice(2, 9)).toEqual([
      'Bapak Contoh',
      headNik,
      correctedNik,
      'Laki-laki',
      'Kepala Keluarga',
      'Pindah',
      'Tidak',
    ]);
    // Reading Matriks 3 sends nobody; a new export batch sends the kelurahan's eligible households.
    const still = await api
      .http()
      .get('/api/v1/prelist?status=layak&kelurahan=31.71.01.1001&limit=200')
      .set(await token('diskominfo'));
    expect(still.body.data.map((e: { id: string }) => e.id)).toContain(entryId);
    const batch = await api
      .http()
      .post('/api/v1/prelist/exports')
      .set(await token('diskominfo'))
      .send({ kelurahan: '31.71.01.1001' })
      .expect(201);
    expect(batch.body.entryIds).toContain(entryId);
    const after = await api
      .http()
      .get('/api/v1/prelist?status=dikirim&kelurahan=31.71.01.1001&limit=200')
      .set(await token('diskominfo'));
    expect(after.body.data.map((e: { id: string }) => e.id)).toContain(entryId);
    const log = await api
      .http()
      .get('/api/v1/pii/access-log?limit=200')
      .set(await token('admin'))
      .expect(200);
    expect(log.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'export', field: 'nik', role: 'diskominfo' }),
      ]),
    );

    // The ranking's feedback: the Governor's decree set this household.
    const feedback = await api
      .http()
      .post('/api/v1/prelist/feedback')
      .set(await token('diskominfo'))
      .attach('file', Buffer.from(`nik,ditetapkan\n${headNik},Ya\n3171010501900000,Ya\n`), {
        filename: 'balikan.csv',
        contentType: 'text/csv',
      })
      .expect(200);
    expect(feedback.body).toEqual({
      updated: 1,
      rejectedCount: 1,
      rejected: [{ line: 3, reason: expect.stringContaining('serial') }],
    });
    const set = await api
      .http()
      .get('/api/v1/prelist?status=ditetapkan&limit=200')
      .set(await token('diskominfo'));
    expect(set.body.data.find((e: { id: string }) => e.id === entryId)).toMatchObject({
      setByDecree: true,
    });

    // The verification is long over: the verifier no longer reads the household; Diskominfo does.
    const reveal = { subject: 'prelist', id: entryId, field: 'nik', reason: 'Pemutakhiran data' };
    await api
      .http()
      .post('/api/v1/pii/reveal')
      .set(await token('verifier', 'dinsos'))
      .send(reveal)
      .expect(404);
    const revealed = await api
      .http()
      .post('/api/v1/pii/reveal')
      .set(await token('diskominfo'))
      .send(reveal)
      .expect(200);
    expect(revealed.body.value).toBe(headNik);
  });
});
