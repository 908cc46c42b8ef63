import { AccessFixtures, Headers } from './support/access-fixtures';
import {
  act,
  jakiPush,
  postInspektoratComplaint,
  postJaki,
  waitForTicket,
} from './support/intake-client';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

const OWN = '31.71.01.1001';
const FOREIGN = '31.74.01.1001';

/**
 * What a signed-in but curious or careless caller could read that was not theirs: registry
 * numbers by sequential id, other people's tickets through duplicate hints and idempotency
 * answers, an Inspektorat complaint through its duplicate link, masked data through a post link.
 */
describe('tickets and personal data, against a curious caller', () => {
  let api: TestApi;
  let f: AccessFixtures;

  beforeAll(async () => {
    api = await startTestApi();
    f = new AccessFixtures(api, OWN, FOREIGN);
  });
  afterAll(() => api.close());

  const reveal = (headers: Headers, body: object) =>
    api.http().post('/api/v1/pii/reveal').set(headers).send(body);
  const reason = 'Verifikasi lapangan rumah tangga';

  describe('the audited reveal', () => {
    it('lets a verifier read only households still open for verification', async () => {
      const entry = await f.prelistEntry();
      const dinsos = await f.as('verifier', 'own', 'dinsos');
      const open = await reveal(dinsos, { subject: 'prelist', id: entry.id, field: 'nik', reason });
      expect(open.status).toBe(200);
      expect(open.body.value).toMatch(/^\d{16}$/);
      expect(open.headers['cache-control']).toBe('no-store');

      // A verifier token of a unit that verifies nothing reads nothing.
      const dishub = await f.as('verifier', 'own', 'dishub');
      const stranger = await reveal(dishub, {
        subject: 'prelist',
        id: entry.id,
        field: 'nik',
        reason,
      });
      expectErrorShape(stranger.body, 403, 'ACTION_NOT_ALLOWED');

      // The kelurahan has deliberated: its result is verified again (75/2023 §3.1.3.4.h), so the
      // household is still open to the verifiers; once verified again, nothing is left to read.
      const verified = await f.verifiedEntry();
      await api
        .http()
        .post(`/api/v1/prelist/${verified.id}/muskel`)
        .set(await f.as('diskominfo'))
        .send({ eligible: true, note: 'Musyawarah: layak' })
        .expect(200);
      const reverifying = await reveal(dinsos, {
        subject: 'prelist',
        id: verified.id,
        field: 'kk',
        reason,
      });
      expect(reverifying.status).toBe(200);
      await api
        .http()
        .post(`/api/v1/prelist/${verified.id}/verifications`)
        .set(dinsos)
        .send({ result: 'ditemukan', note: 'Diverifikasi ulang' })
        .expect(200);
      const closed = await reveal(dinsos, {
        subject: 'prelist',
        id: verified.id,
        field: 'kk',
        reason,
      });
      expectErrorShape(closed.body, 404);
    });

    it('keeps the registry to Diskominfo, through a ticket’s registry check, never by row id', async () => {
      const dinsos = await f.as('verifier', 'own', 'dinsos');
      for (const id of ['1', '2', '200']) {
        const res = await reveal(dinsos, { subject: 'registry', id, field: 'nik', reason });
        expectErrorShape(res.body, 403, 'ACTION_NOT_ALLOWED');
      }
      const diskominfo = await f.as('diskominfo');
      const byRowId = await reveal(diskominfo, {
        subject: 'registry',
        id: '1',
        field: 'kk',
        reason,
      });
      expectErrorShape(byRowId.body, 400, 'VALIDATION_FAILED');
      expect(byRowId.body.message).toMatch(/ticket whose registry check found the person/);
      // A ticket whose check found nobody has no registry record to show.
      const { id } = await f.notRegistered();
      const nobody = await reveal(diskominfo, { subject: 'registry', id, field: 'kk', reason });
      expectErrorShape(nobody.body, 404);
    });

    it('wants a reason in words, not spaces', async () => {
      const { id } = await f.ticket();
      const res = await reveal(await f.as('diskominfo'), {
        subject: 'complaint',
        id,
        field: 'phone',
        reason: '            ',
      });
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    });
  });

  it('shows duplicate hints only to who may read every ticket they name', async () => {
    const reporter = f.reporter();
    const first = await f.ticket(OWN, { reporter });
    // Another operator enters a probe with the same phone number and category.
    const prober = await f.as('operator', 'foreign', undefined, ['sms']);
    const probe = await api
      .http()
      .post('/api/v1/complaints')
      .set(prober)
      .send({
        channel: 'sms',
        details: { senderNumber: reporter.phone },
        reporter: { name: 'Siapa Saja', phone: reporter.phone },
        description: 'Saluran air tersumbat di depan rumah',
        category: 'air-bersih-sanitasi',
      })
      .expect(201);
    const routed = await waitForTicket(api, probe.body.id, (t) => t.routedAt !== null);
    expect(JSON.stringify(routed.possibleDuplicates)).toContain(first.trackingNumber);

    const seenByProber = await api.http().get(`/api/v1/complaints/${probe.body.id}`).set(prober);
    expect(seenByProber.status).toBe(200);
    expect(seenByProber.body.possibleDuplicates).toEqual([]);
    expect(JSON.stringify(seenByProber.body)).not.toContain(first.trackingNumber);
    expect(JSON.stringify(seenByProber.body)).not.toContain(first.id);
    const history = await api.http().get(`/api/v1/complaints/${probe.body.id}/history`).set(prober);
    expect(JSON.stringify(history.body)).not.toContain(first.trackingNumber);

    const seenByDiskominfo = await api
      .http()
      .get(`/api/v1/complaints/${probe.body.id}`)
      .set(await f.as('diskominfo'));
    expect(JSON.stringify(seenByDiskominfo.body.possibleDuplicates)).toContain(
      first.trackingNumber,
    );
  });

  it('never writes an Inspektorat complaint into the history of the ticket it duplicates', async () => {
    const ticket = await f.ticket(OWN);
    const complaint = await postInspektoratComplaint(api);
    expect(complaint.status).toBe(201);
    await waitForTicket(api, complaint.body.id, (t) => t.routedAt !== null);
    const rejected = await act(api, complaint.body.id, 'reject', await f.as('admin'), {
      reason: 'Sama dengan pengaduan lain',
      duplicateOf: ticket.id,
    });
    expect(rejected.status).toBe(200);
    const seenByKelurahan = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await f.as('unit', 'own'));
    expect(seenByKelurahan.status).toBe(200);
    expect(JSON.stringify(seenByKelurahan.body)).not.toContain(complaint.body.id);
    expect(JSON.stringify(seenByKelurahan.body)).not.toContain(complaint.body.trackingNumber);
  });

  describe('dates', () => {
    const unreadable = [
      '+009999-01-01',
      '-005000-12-31',
      '+009999-01-01T00:00:00Z',
      '-005000-01-01T00:00:00Z',
      '2026-W01',
      '2026-02-30T10:00:00Z',
    ];

    it.each(unreadable)(
      'refuses reportedAt %s with 400 on both intake paths',
      async (reportedAt) => {
        const jaki = await postJaki(api, jakiPush({ reportedAt }));
        expectErrorShape(jaki.body, 400, 'VALIDATION_FAILED');
        expect(jaki.body.details).toEqual([expect.objectContaining({ field: 'reportedAt' })]);
        const operator = await api
          .http()
          .post('/api/v1/complaints')
          .set(await f.as('operator', 'own', undefined, ['sms']))
          .send({
            channel: 'sms',
            reportedAt,
            reporter: { name: 'Budi', phone: '081298765432' },
            description: 'Jalan berlubang',
          });
        expectErrorShape(operator.body, 400, 'VALIDATION_FAILED');
      },
    );

    it('refuses unreadable dates in a follow-up and in list filters', async () => {
      const { id } = await f.inProcess();
      const followUp = await act(api, id, 'follow-ups', await f.as('unit', 'own'), {
        note: 'Sudah dibersihkan',
        doneAt: '2026-W01',
      });
      expectErrorShape(followUp.body, 400, 'VALIDATION_FAILED');
      for (const query of [
        { from: '2026-W01' },
        { to: '+009999-01-01T00:00:00Z' },
        { from: '-005000-01-01' },
      ]) {
        const list = await api
          .http()
          .get('/api/v1/complaints')
          .query(query)
          .set(await f.as('diskominfo'));
        expectErrorShape(list.body, 400, 'VALIDATION_FAILED');
      }
      const fine = await api
        .http()
        .get('/api/v1/complaints')
        .query({ from: '2026-01-01', to: '2026-12-31T23:59:59+07:00' })
        .set(await f.as('diskominfo'));
      expect(fine.status).toBe(200);
    });
  });

  it('holds a JAKI complaint about officials for review instead of sending it to the kelurahan office', async () => {
    const pushed = await postJaki(api, jakiPush({ category: 'perilaku-aparatur' }));
    expect(pushed.status).toBe(201);
    const routed = await waitForTicket(api, pushed.body.id, (t) => t.routedAt !== null);
    expect(routed).toMatchObject({
      status: 'menunggu',
      assignedUnit: null,
      suggestedUnit: { code: 'inspektorat' },
      kelurahan: { code: '31.71.01.1001' },
    });
    expect(routed.reviewReason).toMatch(/Inspektorat/);
  });

  it('tells an operator nothing of another operator’s ticket with the same externalId', async () => {
    const entry = {
      channel: 'sms',
      externalId: f.unique('sms-shared'),
      details: { senderNumber: '081298765432' },
      reporter: { name: 'Budi Santoso', phone: '081298765432' },
      description: 'Jalan berlubang di depan sekolah',
    };
    const mine = await api
      .http()
      .post('/api/v1/complaints')
      .set(await f.as('operator', 'own', undefined, ['sms']))
      .send(entry)
      .expect(201);
    const other = await f.as('operator', 'foreign', undefined, ['sms']);
    for (const body of [entry, { ...entry, description: 'Tebakan lain' }]) {
      const res = await api.http().post('/api/v1/complaints').set(other).send(body);
      expectErrorShape(res.body, 409, 'ALREADY_RECEIVED');
      expect(JSON.stringify(res.body)).not.toContain(mine.body.trackingNumber);
      expect(JSON.stringify(res.body)).not.toContain(mine.body.id);
    }
  });

  it('never shows JAKI’s tickets to an operator, whatever its token’s subject', async () => {
    const pushed = await postJaki(api, jakiPush());
    expect(pushed.status).toBe(201);
    const { loadConfig, mintToken } = await import('@crm/core');
    const token = await mintToken(loadConfig(process.env).auth.jwtSecret!, {
      sub: 'jaki',
      role: 'operator',
      unit: 'diskominfo',
      channels: ['sms'],
    });
    const auth = { Authorization: `Bearer ${token}` };
    const detail = await api.http().get(`/api/v1/complaints/${pushed.body.id}`).set(auth);
    expect(detail.status).not.toBe(200);
    const list = await api.http().get('/api/v1/complaints').query({ channel: 'jaki' }).set(auth);
    expect(list.status === 200 ? list.body.meta.total : 0).toBe(0);
  });

  it('masks what a post link and an e-mail subject say about the reporter', async () => {
    const operator = await f.as('operator', 'own', undefined, ['twitter', 'email']);
    const tweet = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'twitter',
        details: { handle: '@budisantoso', postUrl: 'https://x.com/budisantoso/status/1234567890' },
        reporter: { name: 'Budi Santoso' },
        description: 'Lampu jalan mati',
      })
      .expect(201);
    expect(tweet.body.channelDetails.postUrl).toBe('https://x.com/…');
    expect(JSON.stringify(tweet.body)).not.toContain('budisantoso');
    const mail = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'email',
        details: { fromAddress: 'budi@example.org', subject: 'Keluhan Budi Santoso RT 05' },
        reporter: { name: 'Budi Santoso', email: 'budi@example.org' },
        description: 'Sampah menumpuk',
      })
      .expect(201);
    expect(JSON.stringify(mail.body)).not.toContain('Santoso');
    const full = await api
      .http()
      .get(`/api/v1/complaints/${mail.body.id}`)
      .set(await f.as('diskominfo'));
    expect(full.body.channelDetails.subject).toBe('Keluhan Budi Santoso RT 05');
    expect(full.headers['cache-control']).toBe('no-store');
  });
});

describe('the reveal limit per person', () => {
  it('refuses past PII_REVEAL_LIMIT an hour and raises an alert', async () => {
    const api = await startTestApi({ PII_REVEAL_LIMIT: '3' });
    try {
      const f = new AccessFixtures(api, OWN, FOREIGN);
      const { id } = await f.ticket();
      const diskominfo = await f.as('diskominfo');
      const body = {
        subject: 'complaint',
        id,
        field: 'phone',
        reason: 'Menghubungi pelapor kembali',
      };
      for (let i = 0; i < 3; i++) {
        const res = await api.http().post('/api/v1/pii/reveal').set(diskominfo).send(body);
        expect(res.status).toBe(200);
      }
      const refused = await api.http().post('/api/v1/pii/reveal').set(diskominfo).send(body);
      expectErrorShape(refused.body, 429, 'REVEAL_LIMIT_REACHED');
      // Another person still has their own allowance.
      const colleague = await f.as('diskominfo', 'foreign');
      expect((await api.http().post('/api/v1/pii/reveal').set(colleague).send(body)).status).toBe(
        200,
      );
    } finally {
      await api.close();
    }
  });
});
