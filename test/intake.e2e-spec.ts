import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OPERATOR_CHANNELS } from '@crm/intake';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import {
  jakiPush,
  postInspektoratComplaint,
  postJaki,
  waitForTicket,
} from './support/intake-client';

const ALL_OPERATOR_CHANNELS = [...OPERATOR_CHANNELS];

/** A valid operator entry for each channel, with what that channel knows. */
const DETAILS: Record<string, Record<string, string> | undefined> = {
  twitter: { handle: '@warga_gambir', postUrl: 'https://twitter.com/warga_gambir/status/1' },
  facebook: { handle: 'Warga Gambir' },
  email: { fromAddress: 'warga@example.com', subject: 'Bantuan sosial belum cair' },
  'gubernur-sosmed': { handle: '@warga' },
  sms: { senderNumber: '081298765432' },
  'pendopo-balaikota': undefined,
  inspektorat: undefined,
  'kantor-walikota': { receivingOffice: '31.71' },
  'kantor-camat': { receivingOffice: '31.71.01' },
  'kantor-lurah': { receivingOffice: '31.71.01.1002' },
  'media-massa': { mediaOutlet: 'Kompas', articleUrl: 'https://kompas.example/berita/1' },
  'lapor-1708': { laporTrackingId: 'LAP-1234567' },
};

let seq = 0;
function operatorEntry(channel: string, overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    channel,
    externalId: `${channel}-${Date.now()}-${seq}-${Math.random().toString(36).slice(2, 7)}`,
    reporter: { name: 'Budi Santoso', phone: '+62 812 1111 2222' },
    description: 'Keluarga kami belum menerima Kartu Lansia Jakarta',
    category: 'kartu-bantuan-sosial',
    ...(DETAILS[channel] ? { details: DETAILS[channel] } : {}),
    ...overrides,
  };
}

describe('intake', () => {
  let api: TestApi;
  let db: DataSource;
  let operator: { Authorization: string };
  let diskominfo: { Authorization: string };

  const count = async (sql = 'SELECT count(*)::int AS n FROM complaints', params: unknown[] = []) =>
    ((await db.query(sql, params)) as { n: number }[])[0].n;

  /**
   * Tickets stored from a request body, told apart by its unique description or external id (the
   * other suites write tickets into the same database at the same time).
   */
  const storedFrom = (body: Record<string, unknown>) =>
    count('SELECT count(*)::int AS n FROM complaints WHERE description = $1 OR external_id = $2', [
      body.description,
      body.externalId,
    ]);

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    operator = {
      Authorization: `Bearer ${await api.token('operator', 'diskominfo', ALL_OPERATOR_CHANNELS)}`,
    };
    diskominfo = { Authorization: `Bearer ${await api.token('diskominfo', 'diskominfo')}` };
  });
  afterAll(() => api.close());

  describe('JAKI', () => {
    it('takes a signed push, answers 201, and routes it to the kelurahan of the point', async () => {
      const push = jakiPush();
      const res = await postJaki(api, push);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        channel: 'jaki',
        status: 'menunggu',
        externalId: push.externalId,
      });
      expect(res.body.trackingNumber).toMatch(/^JKT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(res.headers.location).toBe(`/api/v1/complaints/${res.body.id}`);

      const routed = await waitForTicket(api, res.body.id, (t) => t.status === 'disposisi');
      expect(routed).toMatchObject({
        kelurahan: { code: '31.71.01.1001', name: 'Gambir' },
        kecamatan: { code: '31.71.01' },
        kota: { code: '31.71' },
        assignedUnit: { code: '31.71.01.1001' },
        locationMethod: 'contains',
      });
      const events = await db.query(
        'SELECT type, to_status FROM complaint_events WHERE complaint_id = $1 ORDER BY id',
        [res.body.id],
      );
      expect(events).toEqual([
        { type: 'received', to_status: 'menunggu' },
        { type: 'routed', to_status: 'disposisi' },
      ]);
    });

    it('refuses a missing, malformed or wrong signature with 401 and stores nothing', async () => {
      const push = jakiPush();
      const raw = JSON.stringify(push);
      const attempts = [
        api
          .http()
          .post('/api/v1/channels/jaki/complaints')
          .set('Content-Type', 'application/json')
          .send(raw),
        postJaki(api, push, { 'X-Jaki-Signature': 'sha256=zz' }),
        postJaki(api, push, { 'X-Jaki-Signature': `sha256=${'0'.repeat(64)}` }),
        // Signed, then altered in transit.
        api
          .http()
          .post('/api/v1/channels/jaki/complaints')
          .set('Content-Type', 'application/json')
          .set(
            'X-Jaki-Signature',
            (await postJakiSignatureOf(raw)).replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          )
          .send(raw),
      ];
      for (const res of await Promise.all(attempts))
        expectErrorShape(res.body, 401, 'INVALID_SIGNATURE');
      expect(
        await count('SELECT count(*)::int AS n FROM complaints WHERE external_id = $1', [
          push.externalId,
        ]),
      ).toBe(0);
    });

    it('holds a point outside Jakarta in Diskominfo’s review queue with the reason', async () => {
      const res = await postJaki(api, jakiPush({ location: { lat: -6.595, lon: 106.8166 } }));
      expect(res.status).toBe(201);
      const held = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      expect(held).toMatchObject({ status: 'menunggu', kelurahan: null, assignedUnit: null });
      expect(held.reviewReason).toMatch(/no kelurahan/i);
      const zero = await postJaki(api, jakiPush({ location: { lat: 0, lon: 0 } }));
      const nullIsland = await waitForTicket(api, zero.body.id, (t) => t.routedAt !== null);
      expect(nullIsland).toMatchObject({ status: 'menunggu' });
      expect(nullIsland.reviewReason).toMatch(/\(0, 0\)/);
    });

    it('places a point in a gap just off the boundary on the nearest kelurahan with the distance', async () => {
      // ~1 km off Pulau Pramuka: the islands' kelurahan administer the sea around them.
      const res = await postJaki(api, jakiPush({ location: { lat: -5.7453, lon: 106.625 } }));
      const routed = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      expect(routed.status).toBe('disposisi');
      expect(routed.locationMethod).toBe('nearest');
      expect(routed.locationDistanceMeters).toBeGreaterThan(0);
    });

    it('refuses swapped coordinates with a hint, and stores nothing', async () => {
      const push = jakiPush({ location: { lat: 106.8272, lon: -6.1754 } });
      const res = await postJaki(api, push);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toMatch(/swapped/);
      expect(
        await count('SELECT count(*)::int AS n FROM complaints WHERE external_id = $1', [
          push.externalId,
        ]),
      ).toBe(0);
    });

    it('writes the reporter’s acknowledgement exactly once', async () => {
      const res = await postJaki(api, jakiPush());
      await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      const deadline = Date.now() + 10_000;
      let n = 0;
      while (Date.now() < deadline) {
        n = await count(
          "SELECT count(*)::int AS n FROM notifications WHERE complaint_id = $1 AND kind = 'acknowledgement'",
          [res.body.id],
        );
        if (n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(n).toBe(1);
    });

    it('flags a second report of the same category within 250 m as a possible duplicate', async () => {
      const first = await postJaki(
        api,
        jakiPush({ category: 'air-bersih-sanitasi', location: { lat: -6.2101, lon: 106.8455 } }),
      );
      await waitForTicket(api, first.body.id, (t) => t.routedAt !== null);
      const second = await postJaki(
        api,
        jakiPush({ category: 'air-bersih-sanitasi', location: { lat: -6.211, lon: 106.846 } }),
      );
      const flagged = await waitForTicket(api, second.body.id, (t) => t.routedAt !== null);
      expect(flagged.possibleDuplicates).toEqual(
        expect.arrayContaining([
          {
            id: first.body.id,
            trackingNumber: first.body.trackingNumber,
            reason: 'nearby-same-category',
          },
        ]),
      );
    });

    it('never names an Inspektorat complaint as a possible duplicate of another channel’s', async () => {
      const phone = `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const confidential = await postInspektoratComplaint(api, {
        category: 'perilaku-aparatur',
        reporter: { name: 'Pelapor', phone },
        location: { lat: -6.2601, lon: 106.8301 },
      });
      expect(confidential.status).toBe(201);
      await waitForTicket(api, confidential.body.id, (t) => t.routedAt !== null);
      const sameReporter = await postJaki(
        api,
        jakiPush({
          category: 'perilaku-aparatur',
          reporter: { name: 'Pelapor', phone },
          location: { lat: -6.2601, lon: 106.8302 },
        }),
      );
      const ticket = await waitForTicket(api, sameReporter.body.id, (t) => t.routedAt !== null);
      expect(ticket.possibleDuplicates).toEqual([]);
    });

    it('flags the same reporter with the same category anywhere, and nothing beyond 250 m or in another category', async () => {
      const reporter = (phone: string) => ({ name: 'Budi', phone });
      const phoneOf = () => `0812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const firstPhone = phoneOf();
      const first = await postJaki(
        api,
        jakiPush({
          category: 'legalitas-lahan',
          reporter: reporter(firstPhone),
          location: { lat: -6.3001, lon: 106.8101 },
        }),
      );
      await waitForTicket(api, first.body.id, (t) => t.routedAt !== null);
      const post = async (overrides: Record<string, unknown>) => {
        const res = await postJaki(api, jakiPush(overrides));
        return waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      };
      const ids = (ticket: Record<string, unknown>) =>
        (ticket.possibleDuplicates as { id: string; reason: string }[]).filter(
          (entry) => entry.id === first.body.id,
        );

      // 240 m north and 240 m east: inside the search box, 340 m away.
      const diagonal = await post({
        category: 'legalitas-lahan',
        reporter: reporter(phoneOf()),
        location: { lat: -6.3001 + 0.00216, lon: 106.8101 + 0.00217 },
      });
      expect(ids(diagonal)).toEqual([]);
      const otherCategory = await post({
        category: 'bank-sampah',
        reporter: reporter(phoneOf()),
        location: { lat: -6.3001, lon: 106.8102 },
      });
      expect(ids(otherCategory)).toEqual([]);
      const sameReporterElsewhere = await post({
        category: 'legalitas-lahan',
        reporter: reporter(firstPhone),
        location: { lat: -6.2001, lon: 106.8801 },
      });
      expect(ids(sameReporterElsewhere)).toEqual([
        expect.objectContaining({ reason: 'same-reporter-same-category' }),
      ]);
    });
  });

  describe('the answer of an intake', () => {
    /**
     * The same fields, and the same fields inside each object field both answers fill. Routing
     * runs meanwhile: it may place the ticket (a kelurahan where there was null) or flag possible
     * duplicates, so values and list lengths may differ — never the fields.
     */
    const sameKeys = (created: Record<string, unknown>, read: Record<string, unknown>) => {
      expect(Object.keys(created).sort()).toEqual(Object.keys(read).sort());
      const isObject = (value: unknown): value is Record<string, unknown> =>
        value !== null && typeof value === 'object' && !Array.isArray(value);
      for (const [field, value] of Object.entries(created)) {
        if (isObject(value) && isObject(read[field])) {
          expect({ field, keys: Object.keys(value).sort() }).toEqual({
            field,
            keys: Object.keys(read[field]).sort(),
          });
        }
      }
    };

    it('carries every field a read of the ticket has (operator)', async () => {
      const created = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('sms'));
      expect(created.status).toBe(201);
      const read = await api.http().get(`/api/v1/complaints/${created.body.id}`).set(operator);
      expect(read.status).toBe(200);
      sameKeys(created.body, read.body);
      // Its history starts with its receipt (routing may already have added a step).
      expect(created.body.history[0]).toMatchObject({ type: 'received', toStatus: 'menunggu' });
      expect(created.headers.etag).toBe(`W/"${created.body.version}"`);
    });

    it('carries every field a read of the ticket has (JAKI’s push)', async () => {
      const created = await postJaki(api, jakiPush());
      expect(created.status).toBe(201);
      const read = await api.http().get(`/api/v1/complaints/${created.body.id}`).set(diskominfo);
      expect(read.status).toBe(200);
      sameKeys(created.body, read.body);
    });
  });

  describe('operators', () => {
    it.each(ALL_OPERATOR_CHANNELS)(
      'takes a complaint from %s with what that channel knows',
      async (channel) => {
        const res = await api
          .http()
          .post('/api/v1/complaints')
          .set(operator)
          .send(operatorEntry(channel));
        expect(res.status).toBe(201);
        expect(res.body.channel).toBe(channel);
        expect(Object.keys(res.body.channelDetails)).toEqual(
          expect.arrayContaining(Object.keys(DETAILS[channel] ?? {})),
        );
      },
    );

    it.each(
      Object.entries(DETAILS)
        .filter(([, details]) => details)
        .map(([channel, details]) => [channel, Object.keys(details!)[0]]),
    )('takes %s without its %s, and tells Diskominfo it is missing', async (channel, field) => {
      // docs/api.md: a client that sends exactly the documented fields keeps working.
      const entry = operatorEntry(channel, { details: undefined, externalId: undefined });
      const res = await api.http().post('/api/v1/complaints').set(operator).send(entry);
      expect(res.status).toBe(201);
      expect(res.body.missingDetails).toEqual([field]);
    });

    it('takes a LAPOR! report’s tracking id from its externalId', async () => {
      const externalId = `LAPOR-${Date.now()}`;
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('lapor-1708', { details: undefined, externalId }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        externalId,
        channelDetails: { laporTrackingId: externalId },
        missingDetails: [],
      });
    });

    it('refuses details that belong to another channel', async () => {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(
          operatorEntry('sms', { details: { senderNumber: '0812345678', mediaOutlet: 'Kompas' } }),
        );
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toContainEqual({
        field: 'details.mediaOutlet',
        problem: 'does not apply to channel sms',
      });
    });

    it('refuses a channel the operator’s token does not name (403), and JAKI here (400)', async () => {
      const smsOnly = {
        Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}`,
      };
      const twitter = await api
        .http()
        .post('/api/v1/complaints')
        .set(smsOnly)
        .send(operatorEntry('twitter'));
      expectErrorShape(twitter.body, 403, 'CHANNEL_NOT_ALLOWED');
      const jaki = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('jaki'));
      expectErrorShape(jaki.body, 400, 'VALIDATION_FAILED');
    });

    it('places a complaint made at a Lurah’s office on that kelurahan', async () => {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('kantor-lurah'));
      expect(res.body).toMatchObject({
        kelurahan: { code: '31.71.01.1002' },
        locationMethod: 'receiving-office',
      });
      const bad = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('kantor-lurah', { details: { receivingOffice: '31.71.01' } }));
      expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
    });

    it('forwards at once with assignTo, else waits for Diskominfo with a suggested unit', async () => {
      const assigned = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('email', { assignTo: 'dinsos' }));
      expect(assigned.body).toMatchObject({
        status: 'disposisi',
        assignedUnit: { code: 'dinsos' },
      });

      const waiting = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('email'));
      const held = await waitForTicket(api, waiting.body.id, (t) => t.routedAt !== null);
      expect(held).toMatchObject({
        status: 'menunggu',
        assignedUnit: null,
        suggestedUnit: { code: 'dinsos' },
      });
    });

    it('suggests the kelurahan from the address text', async () => {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(
          operatorEntry('sms', {
            address: 'Jl. Ragunan Raya No. 10, Kel. Ragunan, Kec. Pasar Minggu, Jaksel',
          }),
        );
      const placed = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
      expect(placed).toMatchObject({
        kelurahan: { code: '31.74.04.1004' },
        locationMethod: 'address',
      });
    });

    it('keeps Inspektorat complaints with the Inspektorat', async () => {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('inspektorat'));
      expect(res.body).toMatchObject({
        status: 'disposisi',
        assignedUnit: { code: 'inspektorat' },
      });
      const byDiskominfo = await api
        .http()
        .get(`/api/v1/complaints/${res.body.id}`)
        .set(diskominfo);
      expectErrorShape(byDiskominfo.body, 404, 'COMPLAINT_NOT_FOUND');
      const inspektorat = { Authorization: `Bearer ${await api.token('unit', 'inspektorat')}` };
      const byInspektorat = await api
        .http()
        .get(`/api/v1/complaints/${res.body.id}`)
        .set(inspektorat);
      expect(byInspektorat.status).toBe(200);
      const redirected = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('inspektorat', { assignTo: 'dinsos' }));
      expectErrorShape(redirected.body, 400, 'VALIDATION_FAILED');
    });

    it('records who reports: a person unless the client says an organisation or a government unit', async () => {
      const person = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('sms'));
      expect(person.status).toBe(201);
      expect(person.body.reporter.type).toBe('person');
      for (const type of ['organisation', 'government-unit']) {
        const res = await api
          .http()
          .post('/api/v1/complaints')
          .set(operator)
          .send(operatorEntry('email', { reporter: { name: 'Forum Warga Gambir', type } }));
        expect(res.status).toBe(201);
        expect(res.body.reporter.type).toBe(type);
        const read = await api.http().get(`/api/v1/complaints/${res.body.id}`).set(diskominfo);
        expect(read.body.reporter.type).toBe(type);
        const [row] = await db.query('SELECT reporter_type FROM complaints WHERE id = $1', [
          res.body.id,
        ]);
        expect(row.reporter_type).toBe(type);
      }
      const jaki = await postJaki(
        api,
        jakiPush({ reporter: { name: 'Kelurahan Gambir', type: 'government-unit' } }),
      );
      expect(jaki.status).toBe(201);
      expect(jaki.body.reporter.type).toBe('government-unit');
      const wrong = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('sms', { reporter: { name: 'PT Contoh', type: 'company' } }));
      expectErrorShape(wrong.body, 400, 'VALIDATION_FAILED');
      expect(wrong.body.details).toEqual([
        {
          field: 'reporter.type',
          problem: 'must be one of: person, organisation, government-unit',
        },
      ]);
    });

    it('keeps a person’s sex and age from the NIK and a disability they told, for the figures only', async () => {
      const facts = async (reporter: Record<string, unknown>) => {
        const res = await api
          .http()
          .post('/api/v1/complaints')
          .set(operator)
          .send(operatorEntry('sms', { reportedAt: '2026-11-20T08:15:00+07:00', reporter }));
        expect(res.status).toBe(201);
        expect(res.body.reporter).not.toHaveProperty('disability');
        const [row] = await db.query(
          'SELECT reporter_sex, reporter_age, reporter_disability FROM complaints WHERE id = $1',
          [res.body.id],
        );
        return row;
      };
      // 45 in the day digits: a woman born on 5 January 1990.
      expect(await facts({ name: 'Siti', nik: '3171014501900001', disability: true })).toEqual({
        reporter_sex: 'P',
        reporter_age: 36,
        reporter_disability: true,
      });
      expect(await facts({ name: 'Budi' })).toEqual({
        reporter_sex: null,
        reporter_age: null,
        reporter_disability: null,
      });
      // An organisation's contact person is not the reporter.
      expect(
        await facts({
          name: 'LSM',
          type: 'organisation',
          nik: '3171014501900001',
          disability: false,
        }),
      ).toEqual({ reporter_sex: null, reporter_age: null, reporter_disability: null });
      const wrong = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(operatorEntry('sms', { reporter: { name: 'Budi', disability: 'ya' } }));
      expectErrorShape(wrong.body, 400, 'VALIDATION_FAILED');
      expect(wrong.body.details).toEqual([
        { field: 'reporter.disability', problem: 'must be true or false' },
      ]);
    });

    it('masks the reporter for the operator and shows it to Diskominfo', async () => {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .send(
          operatorEntry('sms', {
            reporter: { name: 'Budi Santoso', phone: '081212345678', nik: '3171014501900001' },
          }),
        );
      expect(res.body.reporter.name).not.toContain('Budi Santoso');
      expect(res.body.reporter.phone).not.toContain('12345678');
      expect(res.body.reporter.nik).toBe('3171********0001');
      const full = await api.http().get(`/api/v1/complaints/${res.body.id}`).set(diskominfo);
      expect(full.body.reporter).toMatchObject({
        name: 'Budi Santoso',
        phone: '081212345678',
        nik: '3171********0001',
      });
      const stored = await db.query(
        'SELECT reporter_nik_encrypted, reporter_phone_encrypted FROM complaints WHERE id = $1',
        [res.body.id],
      );
      expect(JSON.stringify(stored)).not.toMatch(/3171014501900001|081212345678/);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated (channel, externalId) with the first ticket and 200', async () => {
      const push = jakiPush();
      const first = await postJaki(api, push);
      const again = await postJaki(api, push);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const changed = await postJaki(api, { ...push, description: 'something else' });
      expectErrorShape(changed.body, 409, 'IDEMPOTENCY_CONFLICT');
      expect(
        await count('SELECT count(*)::int AS n FROM complaints WHERE external_id = $1', [
          push.externalId,
        ]),
      ).toBe(1);
    });

    it('answers a repeated Idempotency-Key from the same caller with the first ticket', async () => {
      const key = `key-${Date.now()}-${Math.random()}`;
      const body = operatorEntry('twitter', { externalId: undefined });
      const first = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .set('Idempotency-Key', key)
        .send(body);
      const again = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .set('Idempotency-Key', key)
        .send(body);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(first.body.id);
      const other = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .set('Idempotency-Key', key)
        .send({ ...body, description: 'different' });
      expectErrorShape(other.body, 409, 'IDEMPOTENCY_CONFLICT');
      const bad = await api
        .http()
        .post('/api/v1/complaints')
        .set(operator)
        .set('Idempotency-Key', 'has space')
        .send(body);
      expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
    });

    it('creates one ticket from 20 identical requests sent at once', async () => {
      const push = jakiPush();
      const responses = await Promise.all(Array.from({ length: 20 }, () => postJaki(api, push)));
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(19);
      expect(new Set(responses.map((res) => res.body.id)).size).toBe(1);
      expect(
        await count('SELECT count(*)::int AS n FROM complaints WHERE external_id = $1', [
          push.externalId,
        ]),
      ).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_id = $1`, [
          `route:${responses[0].body.id}`,
        ]),
      ).toBe(1);
    });
  });

  describe('bad input', () => {
    const cases: [string, (body: Record<string, unknown>) => unknown][] = [
      ['no description', ({ description: _d, ...rest }) => rest],
      ['empty description', (b) => ({ ...b, description: '' })],
      ['description over 4,000 characters', (b) => ({ ...b, description: 'x'.repeat(4001) })],
      ['description not a string', (b) => ({ ...b, description: 42 })],
      ['no reporter', ({ reporter: _r, ...rest }) => rest],
      ['reporter not an object', (b) => ({ ...b, reporter: 'Siti' })],
      ['reporter without a name', (b) => ({ ...b, reporter: { phone: '0812345678' } })],
      ['a bad phone', (b) => ({ ...b, reporter: { name: 'Siti', phone: 'call me' } })],
      ['a bad e-mail', (b) => ({ ...b, reporter: { name: 'Siti', email: 'not-an-email' } })],
      ['a NIK of 15 digits', (b) => ({ ...b, reporter: { name: 'Siti', nik: '317101450190000' } })],
      [
        'a NIK with no such birth date',
        (b) => ({ ...b, reporter: { name: 'Siti', nik: '3171017202900001' } }),
      ],
      [
        'a NIK of no Jakarta kota',
        (b) => ({ ...b, reporter: { name: 'Siti', nik: '3176014501900001' } }),
      ],
      ['an unknown reporter field', (b) => ({ ...b, reporter: { name: 'Siti', age: 40 } })],
      ['an unknown category', (b) => ({ ...b, category: 'no-such-category' })],
      ['a malformed category', (b) => ({ ...b, category: 'DROP TABLE' })],
      ['no location', ({ location: _l, ...rest }) => rest],
      ['latitude out of range', (b) => ({ ...b, location: { lat: -91, lon: 106.8 } })],
      ['longitude out of range', (b) => ({ ...b, location: { lat: -6.2, lon: 181 } })],
      ['coordinates as strings', (b) => ({ ...b, location: { lat: '-6.2', lon: '106.8' } })],
      ['coordinates null', (b) => ({ ...b, location: { lat: null, lon: null } })],
      ['no externalId', ({ externalId: _e, ...rest }) => rest],
      ['an externalId with spaces', (b) => ({ ...b, externalId: 'has spaces' })],
      ['reportedAt not a date', (b) => ({ ...b, reportedAt: 'yesterday' })],
      ['photos not https', (b) => ({ ...b, photos: ['javascript:alert(1)'] })],
      ['an unknown top-level field', (b) => ({ ...b, priority: 'high' })],
      ['an array body', () => [jakiPush()]],
    ];

    it('names the field and the reason of a bad NIK', async () => {
      const res = await postJaki(
        api,
        jakiPush({ reporter: { name: 'Siti', nik: '3171017202900001' } }),
      );
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toMatch(/reporter\.nik.*not a date of birth/);
    });

    it.each(cases)('refuses a JAKI push with %s, storing nothing', async (_case, mutate) => {
      const body = jakiPush({ description: `Lampu jalan mati ${randomUUID()}` });
      const res = await postJaki(api, mutate(body));
      expectErrorShape(res.body, 400);
      expect(await storedFrom(body)).toBe(0);
    });

    const operatorCases: [string, Record<string, unknown>][] = [
      ['an unknown channel', { channel: 'whatsapp' }],
      ['an unknown kelurahan', { kelurahanCode: '31.71.01.9999' }],
      ['a malformed kelurahan', { kelurahanCode: 'Gambir' }],
      ['an unknown unit', { assignTo: 'no-such-unit' }],
      ['a swapped location', { location: { lat: 106.8, lon: -6.2 } }],
    ];
    it.each(operatorCases)(
      'refuses an operator entry with %s, storing nothing',
      async (_case, change) => {
        const body = operatorEntry('email', {
          description: `Kartu lansia ${randomUUID()}`,
          ...change,
        });
        const res = await api.http().post('/api/v1/complaints').set(operator).send(body);
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
        expect(await storedFrom(body)).toBe(0);
      },
    );
  });

  describe('tracking', () => {
    it('shows the public status without personal data or content', async () => {
      const created = await postJaki(api, jakiPush());
      await waitForTicket(api, created.body.id, (t) => t.routedAt !== null);
      const res = await api.http().get(`/api/v1/complaints/track/${created.body.trackingNumber}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'category',
          'kelurahan',
          'receivedAt',
          'status',
          'timeline',
          'trackingNumber',
          'updatedAt',
        ].sort(),
      );
      expect(res.body).toMatchObject({ status: 'disposisi', kelurahan: { code: '31.71.01.1001' } });
      expect(res.body.timeline).toEqual([
        { at: expect.any(String), stage: 'diterima' },
        {
          at: expect.any(String),
          stage: 'diteruskan',
          unit: { code: '31.71.01.1001', name: expect.stringMatching(/Gambir/i) },
        },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/Siti|0812|Lampu/);
    });

    it('takes a tracking number typed in lower case, with blanks or O for 0', async () => {
      const created = await postJaki(api, jakiPush());
      expect(created.status).toBe(201);
      const issued = created.body.trackingNumber as string;
      const typed = [
        issued.toLowerCase(),
        ` ${issued.slice(0, 8).toLowerCase()}${issued.slice(8)} `,
        `JKT-${issued.slice(4).replace(/0/g, 'O').replace(/1/g, 'l')}`,
      ];
      for (const number of typed) {
        const res = await api.http().get(`/api/v1/complaints/track/${encodeURIComponent(number)}`);
        expect({ number, status: res.status }).toEqual({ number, status: 200 });
        expect(res.body.trackingNumber).toBe(issued);
      }
    });

    it('answers 404 for an unknown number and 400 for a malformed one', async () => {
      expectErrorShape(
        (await api.http().get('/api/v1/complaints/track/JKT-0000-0000-0000')).body,
        404,
      );
      expectErrorShape((await api.http().get('/api/v1/complaints/track/12345')).body, 400);
    });
  });
});

async function postJakiSignatureOf(raw: string): Promise<string> {
  const { jakiSignature } = await import('./support/intake-client');
  return jakiSignature(raw);
}
