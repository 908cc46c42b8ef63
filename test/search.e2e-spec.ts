import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@crm/core';
import { writeSyntheticTickets } from '@crm/testing';
import { act, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';

const GAMBIR = '31.71.01.1001';
const KEBON_KELAPA = '31.71.01.1002';

/**
 * Searching the complaint list: by words (description, address, follow-ups' notes), by the
 * tracking number, the LAPOR! id and the reporter's phone — and never a ticket the caller may not
 * read. On a database of its own, so that what is found is exactly this suite's.
 */
describe('searching the complaint list', () => {
  let api: TestApi;
  let drain: { id: string; trackingNumber: string };
  let anonymous: { id: string };
  let lapor: { id: string };

  const as = async (role: 'unit' | 'diskominfo' | 'operator', unit = 'diskominfo') => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['lapor-1708'] : undefined)}`,
  });
  const found = async (query: Record<string, string>, headers: Record<string, string>) => {
    const res = await api.http().get('/api/v1/complaints').query(query).set(headers);
    expect(res.status).toBe(200);
    return (res.body.data as { id: string }[]).map((t) => t.id);
  };

  beforeAll(async () => {
    api = await startFreshTestApi();
    const pushed = await postJaki(
      api,
      jakiPush({
        description: 'Saluran air tersumbat di depan Monas, bau sekali',
        reporter: { name: 'Siti', phone: '081234567890' },
      }),
    );
    drain = { id: String(pushed.body.id), trackingNumber: String(pushed.body.trackingNumber) };
    await waitForTicket(api, drain.id, (t) => t.status === 'disposisi');
    expect((await act(api, drain.id, 'accept', await as('unit', GAMBIR))).status).toBe(200);
    const followUp = await act(api, drain.id, 'follow-ups', await as('unit', GAMBIR), {
      note: 'Pompa sedot dikerahkan bersama PPSU',
    });
    expect(followUp.status).toBe(200);

    const hidden = await postJaki(
      api,
      jakiPush({
        description: 'Lampu jalan mati',
        reporter: { name: 'Budi', phone: '081299998888', anonymous: true },
      }),
    );
    anonymous = { id: String(hidden.body.id) };
    await waitForTicket(api, anonymous.id, (t) => t.status === 'disposisi');

    const entered = await api
      .http()
      .post('/api/v1/complaints')
      .set(await as('operator'))
      .send({
        channel: 'lapor-1708',
        details: { laporTrackingId: 'LAP-2026-778899' },
        reporter: { name: 'Dewi' },
        description: 'Bantuan sosial belum cair',
      });
    expect(entered.status).toBe(201);
    lapor = { id: String(entered.body.id) };
  });
  afterAll(() => api.close());

  it('finds a ticket by Indonesian words, as prefixes, in any case or accent', async () => {
    const diskominfo = await as('diskominfo');
    expect(await found({ q: 'salur' }, diskominfo)).toEqual([drain.id]);
    expect(await found({ q: 'MONAS tersumbat' }, diskominfo)).toEqual([drain.id]);
    expect(await found({ q: 'Salurán' }, diskominfo)).toEqual([drain.id]);
    // A follow-up's note counts too.
    expect(await found({ q: 'pompa sedot' }, diskominfo)).toEqual([drain.id]);
    expect(await found({ q: 'trotoar' }, diskominfo)).toEqual([]);
    // Query syntax is words only: nothing breaks the search.
    expect(await found({ q: "salur & | ! ( ' :*" }, diskominfo)).toEqual([drain.id]);
    expect(await found({ q: '&&&' }, diskominfo)).toHaveLength(3);
  });

  it('finds a ticket by its tracking number as typed, and by the LAPOR! id', async () => {
    const diskominfo = await as('diskominfo');
    expect(await found({ trackingNumber: drain.trackingNumber.toLowerCase() }, diskominfo)).toEqual(
      [drain.id],
    );
    expect(await found({ laporTrackingId: 'LAP-2026-778899' }, diskominfo)).toEqual([lapor.id]);
    expect(await found({ laporTrackingId: 'LAP-2026-000000' }, diskominfo)).toEqual([]);
    const bad = await api.http().get('/api/v1/complaints?trackingNumber=nope').set(diskominfo);
    expect(bad.status).toBe(400);
  });

  it('finds a ticket by the reporter’s phone in any spelling, never one kept anonymous from the caller', async () => {
    const diskominfo = await as('diskominfo');
    expect(await found({ reporterPhone: '+62 812-3456-7890' }, diskominfo)).toEqual([drain.id]);
    // A `+` left unencoded in a URL arrives as a space.
    const raw = await api
      .http()
      .get('/api/v1/complaints?reporterPhone=+62812-3456-7890')
      .set(diskominfo);
    expect(raw.body.data.map((t: { id: string }) => t.id)).toEqual([drain.id]);
    expect(await found({ reporterPhone: '081299998888' }, diskominfo)).toEqual([anonymous.id]);
    const gambir = await as('unit', GAMBIR);
    expect(await found({ reporterPhone: '081234567890' }, gambir)).toEqual([drain.id]);
    expect(await found({ reporterPhone: '081299998888' }, gambir)).toEqual([]);
  });

  it('never finds a ticket the caller may not read', async () => {
    const other = await as('unit', KEBON_KELAPA);
    expect(await found({ q: 'saluran' }, other)).toEqual([]);
    expect(await found({ trackingNumber: drain.trackingNumber }, other)).toEqual([]);
    expect(await found({ reporterPhone: '081234567890' }, other)).toEqual([]);
    // Combined with the other filters.
    const gambir = await as('unit', GAMBIR);
    expect(await found({ q: 'saluran', status: 'menunggu_validasi' }, gambir)).toEqual([drain.id]);
    expect(await found({ q: 'saluran', status: 'selesai' }, gambir)).toEqual([]);
  });

  it('counts a list up to 10,000 tickets and says when it holds more', async () => {
    const dataSource = await new DataSource(dataSourceOptions(api.databaseUrl!)).initialize();
    try {
      const to = new Date();
      await writeSyntheticTickets(dataSource, {
        count: 10_001,
        seed: 7,
        from: new Date(to.getTime() - 30 * 86_400_000),
        to,
      });
    } finally {
      await dataSource.destroy();
    }
    // An admin reads every ticket (Diskominfo not the Inspektorat's among them).
    const admin = { Authorization: `Bearer ${await api.token('admin')}` };
    const all = await api.http().get('/api/v1/complaints?limit=5').set(admin);
    expect(all.status).toBe(200);
    expect(all.body.meta).toEqual({ total: 10_000, totalCapped: true, page: 1, limit: 5 });
    expect(all.body.data).toHaveLength(5);
    // A list within the cap is counted exactly, without the flag.
    const few = await api.http().get('/api/v1/complaints?channel=lapor-1708&q=Bantuan').set(admin);
    expect(few.body.meta.totalCapped).toBeUndefined();
    expect(few.body.meta.total).toBe(few.body.data.length);
  });
});
