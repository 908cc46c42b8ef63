import SwaggerParser from '@apidevtools/swagger-parser';
import { XMLParser } from 'fast-xml-parser';
import { DataSource } from 'typeorm';
import { Open311Keys } from '@crm/open311';
import { RegionDirectory } from '@crm/reference';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import { jakiPush, postInspektoratComplaint, postJaki } from './support/intake-client';

const GAMBIR = '31.71.01.1001'; // Monas lies here
const MONAS = { lat: '-6.1754', long: '106.8272' };
const VALID_NIK = '3171014101900001'; // Jakarta Pusat, Gambir, a woman born 1 January 1990
/** A key given in OPEN311_API_KEYS, bound to LAPOR! */
const BOOT_KEY = 'boot-key-for-lapor-1708-0123456789';

type Json = Record<string, unknown>;

/** XML lists that must stay lists even with one entry. */
const XML_LISTS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
]);
const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => XML_LISTS.has(String(jpath)),
});
/** Element names of the entries of nested lists, as the spec's XML examples write them. */
const ENTRY: Record<string, string> = { attributes: 'attribute', values: 'value' };

/** What a JSON answer becomes once written as XML and read back: all text, lists wrapped. */
function asXmlReads(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (!ENTRY[key]) return value.map((entry) => asXmlReads(entry));
    return value.length ? { [ENTRY[key]]: value.map((entry) => asXmlReads(entry)) } : '';
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlReads(v, k)]));
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('Open311 GeoReport v2', () => {
  let api: TestApi;
  let db: DataSource;
  let admin: Record<string, string>;
  let laporKey: string;
  let smsKey: string;
  let seq = 0;

  beforeAll(async () => {
    api = await startTestApi({ OPEN311_API_KEYS: `${BOOT_KEY}:lapor-1708` });
    db = api.app.get(DataSource);
    admin = { Authorization: `Bearer ${await api.token('admin', 'diskominfo')}` };
    laporKey = await newKey('lapor-1708');
    smsKey = await newKey('sms');
  });
  afterAll(() => api.close());

  async function newKey(channel: string): Promise<string> {
    const res = await api
      .http()
      .post('/api/v1/open311/keys')
      .set(admin)
      .send({ channel, name: `Test client ${channel}` });
    expect(res.status).toBe(201);
    return res.body.key as string;
  }

  const get = (path: string) => api.http().get(`/open311/v2/${path}`);
  const postForm = (path: string, fields: Record<string, string>) =>
    api
      .http()
      .post(`/open311/v2/${path}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(form(fields));

  /** A distinct LAPOR! request at Monas. */
  function laporRequest(overrides: Record<string, string> = {}): Record<string, string> {
    seq += 1;
    return {
      api_key: laporKey,
      service_code: 'lainnya',
      ...MONAS,
      description: `Lampu penerangan jalan mati di depan Monas (${seq})`,
      first_name: 'Siti',
      last_name: 'Rahmawati',
      email: 'siti.rahmawati@example.com',
      phone: '081234567890',
      media_url: 'https://example.org/foto/lampu.jpg',
      'attribute[lapor_tracking_id]': `LAPOR-${Date.now()}-${seq}`,
      ...overrides,
    };
  }

  /** An SMS request (the sender's number is the request's phone). */
  function smsRequest(overrides: Record<string, string> = {}): Record<string, string> {
    seq += 1;
    return {
      api_key: smsKey,
      service_code: 'air-bersih-sanitasi',
      address_string: 'Jl. Kebon Sirih 22, Kel. Kebon Sirih, Kec. Menteng',
      description: `Saluran air tersumbat (${seq})`,
      phone: '081298765432',
      ...overrides,
    };
  }

  async function submit(fields: Record<string, string>): Promise<string> {
    const res = await postForm('requests.json', fields);
    expect(res.status).toBe(201);
    return res.body[0].service_request_id as string;
  }

  async function complaintOf(trackingNumber: string): Promise<Json> {
    const [row] = await db.query(`SELECT * FROM complaints WHERE tracking_number = $1`, [
      trackingNumber,
    ]);
    return row as Json;
  }

  /** Polls the Open311 view of a request until `done` holds (routing is asynchronous). */
  async function waitForRequest(
    id: string,
    key: string,
    done: (request: Json) => boolean,
  ): Promise<Json> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await get(`requests/${id}.json`).query({ api_key: key, extensions: 'true' });
      if (res.status === 200 && done(res.body[0])) return res.body[0] as Json;
      if (Date.now() > deadline) throw new Error(`${id} never got there: ${res.text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** JSON and XML of the same URL carry the same data. */
  async function expectSameInXml(path: string, query: Json, root: string, item?: string) {
    const json = await get(`${path}.json`).query(query);
    const xml = await get(`${path}.xml`).query(query);
    expect(json.status).toBe(200);
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const parsed = xmlParser.parse(xml.text) as Json;
    const expected = item
      ? (json.body as unknown[]).length
        ? { [item]: asXmlReads(json.body) }
        : ''
      : asXmlReads(json.body);
    expect(parsed[root]).toEqual(expected);
    return json.body as unknown;
  }

  describe('services', () => {
    it('lists the categories as services, the same in JSON and XML', async () => {
      const services = (await expectSameInXml('services', {}, 'services', 'service')) as Json[];
      const [categories] = await db.query(`SELECT count(*)::int AS n FROM categories WHERE active`);
      expect(services).toHaveLength(categories.n);
      expect(services.find((s) => s.service_code === 'belum-terdata')).toEqual({
        service_code: 'belum-terdata',
        service_name: 'Warga miskin belum masuk basis data',
        description: expect.stringContaining('P3KE'),
        metadata: true,
        type: 'realtime',
        keywords: 'p3ke, dtks, belum terdata, miskin, bantuan',
        group: 'Perlindungan sosial',
      });
      expect(services.find((s) => s.service_code === 'lainnya')).toMatchObject({
        metadata: false,
        group: 'Lainnya',
      });
    });

    it('defines the not-in-database service with the NIK attribute', async () => {
      const definition = await expectSameInXml('services/belum-terdata', {}, 'service_definition');
      expect(definition).toEqual({
        service_code: 'belum-terdata',
        attributes: [
          {
            variable: true,
            code: 'nik',
            datatype: 'string',
            required: true,
            datatype_description: expect.stringContaining('16 digits'),
            order: 1,
            description: expect.stringContaining('NIK'),
          },
        ],
      });
    });

    it('gives a list attribute its values, as <values><value><key/><name/>', async () => {
      const definition = (await expectSameInXml(
        'services/administrasi-kependudukan',
        {},
        'service_definition',
      )) as { attributes: Json[] };
      expect(definition.attributes[0]).toMatchObject({
        code: 'dokumen',
        datatype: 'singlevaluelist',
        required: false,
        values: expect.arrayContaining([{ key: 'kk', name: 'Kartu keluarga' }]),
      });
      const xml = await get('services/administrasi-kependudukan.xml');
      expect(xml.text).toMatch(
        /<values>\s*<value>\s*<key>ktp<\/key>\s*<name>KTP elektronik<\/name>/,
      );
    });

    it('defines a service without attributes with an empty list', async () => {
      const definition = await expectSameInXml('services/lainnya', {}, 'service_definition');
      expect(definition).toEqual({ service_code: 'lainnya', attributes: [] });
    });

    it('answers an unknown service, or an unknown format, with 404 in the spec’s error format', async () => {
      const json = await get('services/no-such-service.json');
      expect(json.status).toBe(404);
      expect(json.body).toEqual([{ code: 404, description: 'No service no-such-service' }]);
      const xml = await get('services/no-such-service.xml');
      expect(xml.status).toBe(404);
      expect(xmlParser.parse(xml.text)).toEqual({
        '?xml': '',
        errors: { error: [{ code: '404', description: 'No service no-such-service' }] },
      });
      expect((await get('services.csv')).status).toBe(404);
      expect((await get('services/BAD%20CODE.json')).status).toBe(404);
      expect((await get('services/constructor.json')).status).toBe(404);
    });
  });

  describe('posting a request', () => {
    it('creates a LAPOR! ticket through intake, routed like any other', async () => {
      const fields = laporRequest();
      const res = await postForm('requests.json', fields);
      expect(res.status).toBe(201);
      expect(res.body).toEqual([
        {
          service_request_id: expect.stringMatching(/^JKT-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
          service_notice: expect.stringContaining(res.body[0].service_request_id),
          account_id: null,
        },
      ]);
      const id = res.body[0].service_request_id as string;

      const routed = await waitForRequest(
        id,
        laporKey,
        (r) => (r.extended_attributes as Json).kelurahan_code === GAMBIR,
      );
      expect(routed).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'lainnya',
        service_name: 'Lainnya',
        description: fields.description,
        lat: -6.1754,
        long: 106.8272,
        media_url: 'https://example.org/foto/lampu.jpg',
        extended_attributes: { jakarta_status: 'menunggu', channel: 'lapor-1708' },
      });
      const ticket = await complaintOf(id);
      expect(ticket).toMatchObject({
        channel_code: 'lapor-1708',
        external_id: fields['attribute[lapor_tracking_id]'],
        channel_details: { laporTrackingId: fields['attribute[lapor_tracking_id]'] },
        category_code: 'lainnya',
        reporter_name: 'Siti Rahmawati',
        reporter_email: 'siti.rahmawati@example.com',
        kelurahan_code: GAMBIR,
        location_method: 'contains',
      });
      expect(ticket.reporter_phone_encrypted).not.toContain('0812');
      const [events] = await db.query(
        `SELECT count(*)::int AS n FROM complaint_events
          WHERE complaint_id = $1 AND type = 'received'`,
        [ticket.id],
      );
      expect(events.n).toBe(1);
    });

    it('returns the same ticket for a resubmission of the same LAPOR! report', async () => {
      const fields = laporRequest();
      const first = await postForm('requests.json', fields);
      const again = await postForm('requests.json', fields);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);
      const [tickets] = await db.query(
        `SELECT count(*)::int AS n FROM complaints WHERE channel_code = 'lapor-1708' AND external_id = $1`,
        [fields['attribute[lapor_tracking_id]']],
      );
      expect(tickets.n).toBe(1);
      const changed = await postForm('requests.json', { ...fields, description: 'Lain' });
      expect(changed.status).toBe(409);
      expect(changed.body).toEqual([
        {
          code: 409,
          description: expect.stringContaining(
            `already received with different content: service_request_id ${first.body[0].service_request_id}`,
          ),
        },
      ]);
    });

    it('knows a LAPOR! report an operator entered when the gateway posts it too', async () => {
      const laporTrackingId = `LAPOR-OP-${Date.now()}`;
      const operator = {
        Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['lapor-1708'])}`,
      };
      const entry = {
        channel: 'lapor-1708',
        details: { laporTrackingId },
        reporter: { name: 'Siti Rahmawati', phone: '081234567890' },
        description: 'Lampu penerangan jalan mati di depan Monas',
        category: 'lainnya',
      };
      const entered = await api.http().post('/api/v1/complaints').set(operator).send(entry);
      expect(entered.status).toBe(201);
      const again = await api.http().post('/api/v1/complaints').set(operator).send(entry);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(entered.body.id);
      // The gateway's copy says the same in its own words: not a second ticket, but a conflict.
      // The ticket is another caller's, so the conflict does not name it.
      const posted = await postForm(
        'requests.json',
        laporRequest({ 'attribute[lapor_tracking_id]': laporTrackingId }),
      );
      expect(posted.status).toBe(409);
      expect(posted.body[0].description).toContain('already received from another source');
      expect(posted.body[0].description).not.toContain(entered.body.trackingNumber);
      const [tickets] = await db.query(
        `SELECT count(*)::int AS n FROM complaints WHERE channel_code = 'lapor-1708'
            AND channel_details->>'laporTrackingId' = $1`,
        [laporTrackingId],
      );
      expect(tickets.n).toBe(1);
    });

    it('honours Idempotency-Key per key', async () => {
      const fields = smsRequest();
      const key = `o311-idem-${Date.now()}`;
      const first = await postForm('requests.json', fields).set('Idempotency-Key', key);
      const again = await postForm('requests.json', fields).set('Idempotency-Key', key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);
      const other = await postForm('requests.json', { ...fields, description: 'Beda' }).set(
        'Idempotency-Key',
        key,
      );
      expect(other.status).toBe(409);
      const bad = await postForm('requests.json', fields).set('Idempotency-Key', 'with space');
      expect(bad.status).toBe(400);
      expect(bad.body[0].description).toMatch(/Idempotency-Key/);
    });

    it('takes the api_key from the query string too', async () => {
      const { api_key: key, ...fields } = laporRequest();
      const res = await postForm(`requests.json?api_key=${encodeURIComponent(key)}`, fields);
      expect(res.status).toBe(201);
      expect(res.body[0].service_request_id).toMatch(/^JKT-/);
    });

    it('accepts JSON bodies and answers in XML', async () => {
      const res = await api.http().post('/open311/v2/requests.xml').send({
        api_key: smsKey,
        service_code: 'lainnya',
        lat: -6.1754,
        long: 106.8272,
        description: 'Trotoar rusak',
        phone: '081298700001',
      });
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const parsed = xmlParser.parse(res.text) as {
        service_requests: { request: Json[] };
      };
      expect(parsed.service_requests.request).toEqual([
        {
          service_request_id: expect.stringMatching(/^JKT-/),
          service_notice: expect.any(String),
          account_id: '',
        },
      ]);
    });

    it('keeps XML readable when the text holds characters XML 1.0 cannot carry', async () => {
      const description = 'Dari PDF:\fhalaman 2\u000b\u0001 selesai\tok';
      const posted = await api.http().post('/open311/v2/requests.json').send({
        api_key: smsKey,
        service_code: 'lainnya',
        address_string: 'Jl. Kebon Sirih',
        description,
        phone: '081298700002',
      });
      expect(posted.status).toBe(201);
      const id = posted.body[0].service_request_id as string;
      const json = await get(`requests/${id}.json`).query({ api_key: smsKey });
      expect(json.body[0].description).toBe(description);
      const xml = await get(`requests/${id}.xml`).query({ api_key: smsKey });
      expect(xml.status).toBe(200);
      const parsed = xmlParser.parse(xml.text) as { service_requests: { request: Json[] } };
      expect(parsed.service_requests.request[0].description).toBe(
        'Dari PDF:\uFFFDhalaman 2\uFFFD\uFFFD selesai\tok',
      );
    });

    it('takes the reporter’s NIK for the not-in-database service and names a bad one’s reason', async () => {
      const id = await submit(
        laporRequest({ service_code: 'belum-terdata', 'attribute[nik]': VALID_NIK }),
      );
      const ticket = await complaintOf(id);
      expect(ticket.reporter_nik_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(ticket.reporter_nik_encrypted).not.toContain(VALID_NIK);

      const badSerial = await postForm(
        'requests.json',
        laporRequest({ service_code: 'belum-terdata', 'attribute[nik]': '3171014101900000' }),
      );
      expect(badSerial.status).toBe(400);
      expect(badSerial.body).toEqual([
        {
          code: 400,
          description: 'attribute[nik]: is not a valid NIK: the serial (last 4 digits) is 0000',
        },
      ]);
      const missing = await postForm(
        'requests.json',
        laporRequest({ service_code: 'belum-terdata' }),
      );
      expect(missing.status).toBe(400);
      expect(missing.body[0].description).toMatch(/attribute\[nik\]: is required/);
    });

    it('takes who reports as attribute[reporter_type] for any service, a person without it', async () => {
      const organisation = await submit(
        laporRequest({ 'attribute[reporter_type]': 'organisation', first_name: 'LSM Peduli' }),
      );
      expect((await complaintOf(organisation)).reporter_type).toBe('organisation');
      const unit = await submit(
        smsRequest({ 'attribute[reporter_type]': 'government-unit', first_name: 'Puskesmas' }),
      );
      expect((await complaintOf(unit)).reporter_type).toBe('government-unit');
      expect((await complaintOf(await submit(smsRequest()))).reporter_type).toBe('person');
      const wrong = await postForm(
        'requests.json',
        smsRequest({ 'attribute[reporter_type]': 'company' }),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body[0].description).toBe(
        'attribute[reporter_type]: must be one of: person, organisation, government-unit',
      );
    });

    it('appends a list attribute’s choice to the description', async () => {
      const id = await submit(
        laporRequest({ service_code: 'administrasi-kependudukan', 'attribute[dokumen]': 'kk' }),
      );
      expect((await complaintOf(id)).description).toMatch(/\nDokumen: Kartu keluarga$/);
      const wrong = await postForm(
        'requests.json',
        laporRequest({ service_code: 'administrasi-kependudukan', 'attribute[dokumen]': 'sim' }),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body[0].description).toMatch(/must be one of ktp, kk/);
    });
  });

  describe('reading requests', () => {
    let open: string;
    let handled: string;
    let rejected: string;
    let sms: string;
    /** A follow-up Diskominfo validated: closed, its note public. */
    let validated: string;
    /** A follow-up Diskominfo sent back, then another awaiting validation: neither is public. */
    let sentBack: string;
    /** Pushed by JAKI, whose channel no Open311 key can be bound to. */
    let jaki: string;
    const JAKI_HOME = 'Jl. Kebon Kelapa Tinggi No. 7, RT 003/RW 002';

    beforeAll(async () => {
      open = await submit(laporRequest());
      handled = await submit(laporRequest({ service_code: 'air-bersih-sanitasi' }));
      rejected = await submit(laporRequest());
      sms = await submit(smsRequest());
      validated = await submit(laporRequest());
      sentBack = await submit(laporRequest());
      const pushed = await postJaki(
        api,
        jakiPush({
          reporter: {
            name: 'Siti Rahmawati',
            phone: '081234567890',
            email: 'siti.rahmawati@example.com',
            nik: VALID_NIK,
          },
          address: JAKI_HOME,
        }),
      );
      expect(pushed.status).toBe(201);
      jaki = pushed.body.trackingNumber as string;
      for (const id of [open, handled, rejected, sms, validated, sentBack, jaki]) {
        await waitForTicketRouted(id);
      }
      const diskominfo = { Authorization: `Bearer ${await api.token('diskominfo')}` };
      const lurah = { Authorization: `Bearer ${await api.token('unit', GAMBIR)}` };
      const handledId = (await complaintOf(handled)).id as string;
      const act = (id: string, step: string, headers: Json, body: object = {}) =>
        api
          .http()
          .post(`/api/v1/complaints/${id}/${step}`)
          .set(headers as Record<string, string>)
          .send(body);
      expect(
        (
          await act(handledId, 'dispositions', diskominfo, {
            toUnit: GAMBIR,
            reason: 'review',
            note: 'Wilayah Gambir',
          })
        ).status,
      ).toBe(200);
      expect((await act(handledId, 'accept', lurah)).status).toBe(200);
      expect(
        (await act(handledId, 'follow-ups', lurah, { note: 'Saluran dibersihkan bersama PPSU' }))
          .status,
      ).toBe(200);
      const rejectedId = (await complaintOf(rejected)).id as string;
      expect(
        (await act(rejectedId, 'reject', diskominfo, { reason: 'Bukan wewenang Pemprov DKI' }))
          .status,
      ).toBe(200);

      /** Places the ticket at Gambir, accepted, with a follow-up awaiting validation. */
      const followedUp = async (trackingNumber: string, note: string) => {
        const id = (await complaintOf(trackingNumber)).id as string;
        const steps: [string, Json, object][] = [
          ['dispositions', diskominfo, { toUnit: GAMBIR, reason: 'review', note: 'Gambir' }],
          ['accept', lurah, {}],
          ['follow-ups', lurah, { note }],
        ];
        for (const [step, headers, body] of steps) {
          const res = await act(id, step, headers, body);
          expect({ step, status: res.status, body: res.body as unknown }).toEqual({
            step,
            status: 200,
            body: expect.anything(),
          });
        }
        return id;
      };
      const validatedId = await followedUp(validated, 'Lampu diganti oleh Sudin Bina Marga');
      expect(
        (await act(validatedId, 'validation', diskominfo, { decision: 'approve', note: 'Sesuai' }))
          .status,
      ).toBe(200);
      const sentBackId = await followedUp(sentBack, 'Draf: sudah dicek (ditolak)');
      expect(
        (
          await act(sentBackId, 'validation', diskominfo, {
            decision: 'reject',
            note: 'Belum ada bukti',
          })
        ).status,
      ).toBe(200);
      expect(
        (await act(sentBackId, 'follow-ups', lurah, { note: 'Draf kedua: menunggu validasi' }))
          .status,
      ).toBe(200);
    });

    async function waitForTicketRouted(id: string): Promise<void> {
      const deadline = Date.now() + 15_000;
      while ((await complaintOf(id)).routed_at === null) {
        if (Date.now() > deadline) throw new Error(`${id} never routed`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    const ids = (body: unknown) => (body as Json[]).map((r) => r.service_request_id);

    it('gives one request as a list of one, with the spec’s fields, to a client without a key', async () => {
      const [gambir] = await db.query(`SELECT name FROM units WHERE code = $1`, [GAMBIR]);
      const body = (await expectSameInXml(
        `requests/${handled}`,
        {},
        'service_requests',
        'request',
      )) as Json[];
      expect(body).toHaveLength(1);
      expect(Object.keys(body[0]).sort()).toEqual(
        [
          'service_request_id',
          'status',
          'status_notes',
          'service_name',
          'service_code',
          'description',
          'agency_responsible',
          'service_notice',
          'requested_datetime',
          'updated_datetime',
          'expected_datetime',
          'address',
          'address_id',
          'zipcode',
          'lat',
          'long',
          'media_url',
        ].sort(),
      );
      expect(body[0]).toMatchObject({
        service_request_id: handled,
        status: 'open',
        // Its follow-up awaits validation: not public yet.
        status_notes: null,
        service_code: 'air-bersih-sanitasi',
        agency_responsible: gambir.name,
        address: 'Kelurahan Gambir, Kecamatan Gambir, Kota Administrasi Jakarta Pusat',
        lat: -6.1754,
        long: 106.8272,
        requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
        expected_datetime: expect.stringMatching(/\+07:00$/),
      });
      const ticket = await complaintOf(handled);
      expect(Date.parse(body[0].requested_datetime as string)).toBe(
        Math.floor((ticket.created_at as Date).getTime() / 1000) * 1000,
      );
    });

    it('shows a validated follow-up’s note, never one awaiting validation or sent back', async () => {
      for (const format of ['json', 'xml']) {
        const res = await get(`requests.${format}`).query({
          service_request_id: [validated, sentBack, handled].join(','),
        });
        expect(res.status).toBe(200);
        expect(res.text).toContain('Lampu diganti oleh Sudin Bina Marga');
        for (const unpublished of ['Draf', 'Saluran dibersihkan bersama PPSU', 'Belum ada bukti']) {
          expect({ format, text: res.text }).toEqual({
            format,
            text: expect.not.stringContaining(unpublished),
          });
        }
      }
      const [done] = (await get(`requests/${validated}.json`)).body as Json[];
      expect(done).toMatchObject({
        status: 'closed',
        status_notes: 'Lampu diganti oleh Sudin Bina Marga',
      });
      const [back] = (await get(`requests/${sentBack}.json`).query({ extensions: 'true' }))
        .body as Json[];
      expect(back).toMatchObject({
        status: 'open',
        status_notes: null,
        extended_attributes: { jakarta_status: 'menunggu_validasi' },
      });
    });

    it('lets anyone read a JAKI ticket, without its reporter, in JSON and XML', async () => {
      const [request] = (await expectSameInXml(
        `requests/${jaki}`,
        { extensions: 'true' },
        'service_requests',
        'request',
      )) as Json[];
      expect(request).toMatchObject({
        service_request_id: jaki,
        description: expect.stringContaining('Lampu penerangan jalan mati'),
        address: 'Kelurahan Gambir, Kecamatan Gambir, Kota Administrasi Jakarta Pusat',
        extended_attributes: { channel: 'jaki', kelurahan_code: GAMBIR },
      });
      const everyone = ids((await get('requests.json').query({ status: 'open' })).body);
      expect(everyone).toEqual(expect.arrayContaining([jaki, open, sms]));
      // A key narrows the read to its channel: LAPOR!'s key does not list JAKI's tickets.
      expect(ids((await get('requests.json').query({ api_key: laporKey })).body)).not.toContain(
        jaki,
      );
      for (const format of ['json', 'xml']) {
        const res = await get(`requests/${jaki}.${format}`).query({ extensions: 'true' });
        expect(res.status).toBe(200);
        for (const secret of [
          'Siti',
          'Rahmawati',
          '081234567890',
          'siti.rahmawati',
          VALID_NIK,
          VALID_NIK.slice(-4),
          'Kebon Kelapa Tinggi',
        ]) {
          expect({ format, text: res.text }).toEqual({
            format,
            text: expect.not.stringContaining(secret),
          });
        }
      }
    });

    it('finds a request whose number is typed in lower case', async () => {
      const one = await get(`requests/${open.toLowerCase()}.json`);
      expect(one.status).toBe(200);
      expect((one.body as Json[])[0].service_request_id).toBe(open);
      const list = await get('requests.json').query({
        service_request_id: `${open.toLowerCase()},${handled}`,
      });
      expect(ids(list.body).sort()).toEqual([open, handled].sort());
    });

    it('maps selesai and ditolak to closed, with the rejection reason as the note', async () => {
      const [body] = (await get(`requests/${rejected}.json`).query({ api_key: laporKey })).body;
      expect(body).toMatchObject({
        status: 'closed',
        status_notes: 'Bukan wewenang Pemprov DKI',
      });
    });

    it('adds the Jakarta status, channel and kelurahan with extensions=true', async () => {
      const body = (await expectSameInXml(
        `requests/${handled}`,
        { api_key: laporKey, extensions: 'true' },
        'service_requests',
        'request',
      )) as Json[];
      expect(body[0].extended_attributes).toEqual({
        jakarta_status: 'menunggu_validasi',
        channel: 'lapor-1708',
        kelurahan_code: GAMBIR,
      });
    });

    it('filters by service_request_id (overriding the others), service_code, dates and status', async () => {
      const list = (query: Json) => get('requests.json').query({ api_key: laporKey, ...query });

      const byIds = await list({
        service_request_id: `${open},${rejected}`,
        status: 'open',
        service_code: 'bank-sampah',
      });
      expect(ids(byIds.body).sort()).toEqual([open, rejected].sort());

      const byCode = ids((await list({ service_code: 'air-bersih-sanitasi' })).body);
      expect(byCode).toContain(handled);
      expect(byCode).not.toContain(open);
      const byCodes = ids((await list({ service_code: 'air-bersih-sanitasi,lainnya' })).body);
      expect(byCodes).toEqual(expect.arrayContaining([handled, open, rejected]));

      const closed = ids((await list({ status: 'closed' })).body);
      expect(closed).toContain(rejected);
      expect(closed).not.toContain(open);
      const openOnly = ids((await list({ status: 'open' })).body);
      expect(openOnly).toEqual(expect.arrayContaining([open, handled]));
      expect(openOnly).not.toContain(rejected);
      expect(ids((await list({ status: 'open,closed' })).body)).toEqual(
        expect.arrayContaining([open, handled, rejected]),
      );

      const now = Date.now();
      const recent = await list({
        start_date: new Date(now - 3_600_000).toISOString(),
        end_date: new Date(now + 3_600_000).toISOString(),
      });
      expect(ids(recent.body)).toEqual(expect.arrayContaining([open, handled, rejected]));
      const past = await list({
        start_date: '2026-01-01T00:00:00+07:00',
        end_date: '2026-02-01T00:00:00+07:00',
      });
      expect(past.status).toBe(200);
      expect(past.body).toEqual([]);
      const startOnly = await list({ start_date: new Date(now - 86_400_000).toISOString() });
      expect(ids(startOnly.body)).toContain(open);
      const endOnly = await list({ end_date: '2026-01-01T00:00:00Z' });
      expect(endOnly.body).toEqual([]);
      // A bare date is a whole day in Jakarta: today's requests are within start = end = today.
      const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
      const wholeDay = await list({ start_date: today, end_date: today });
      expect(ids(wholeDay.body)).toEqual(expect.arrayContaining([open, handled, rejected]));
    });

    it('lists requests newest first, the same in JSON and XML', async () => {
      const body = (await expectSameInXml(
        'requests',
        { api_key: laporKey, extensions: 'true' },
        'service_requests',
        'request',
      )) as Json[];
      expect(body.length).toBeGreaterThanOrEqual(3);
      const times = body.map((r) => Date.parse(r.requested_datetime as string));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const empty = await expectSameInXml(
        'requests',
        { api_key: laporKey, end_date: '2026-01-01T00:00:00Z' },
        'service_requests',
        'request',
      );
      expect(empty).toEqual([]);
    });

    it('narrows a read to the key’s channel when a key is given', async () => {
      const everyone = ids((await get('requests.json').query({ service_request_id: sms })).body);
      expect(everyone).toEqual([sms]);
      const lapor = ids((await get('requests.json').query({ api_key: laporKey })).body);
      expect(lapor).not.toContain(sms);
      const smsList = (await get('requests.json').query({ api_key: smsKey, extensions: 'true' }))
        .body as Json[];
      expect(smsList.map((r) => r.service_request_id)).toContain(sms);
      expect(smsList.every((r) => (r.extended_attributes as Json).channel === 'sms')).toBe(true);
      expect((await get(`requests/${sms}.json`).query({ api_key: laporKey })).status).toBe(404);
      const byId = await get('requests.json').query({ api_key: laporKey, service_request_id: sms });
      expect(byId.body).toEqual([]);
    });

    it('never shows Inspektorat complaints, and refuses a key bound to that channel', async () => {
      const created = await postInspektoratComplaint(api);
      expect(created.status).toBe(201);
      const tracking = created.body.trackingNumber as string;
      // Keys cannot be bound to the Inspektorat's channel; one written straight into the table
      // (a mistake in operations) is refused like an unknown one: it can neither read nor post.
      const refused = await api
        .http()
        .post('/api/v1/open311/keys')
        .set(admin)
        .send({ channel: 'inspektorat', name: 'Should not exist' });
      expect(refused.status).toBe(400);
      const rogueKey = `rogue-inspektorat-key-${Date.now()}`;
      await db.query(
        `INSERT INTO open311_api_keys (name, channel_code, key_hash, key_prefix, source, created_by)
         VALUES ('rogue', 'inspektorat', encode(sha256($1::bytea), 'hex'), 'rogue', 'admin', 'test')`,
        [rogueKey],
      );
      const rogueList = await get('requests.json').query({ api_key: rogueKey });
      expect(rogueList.status).toBe(403);
      expect((await get(`requests/${tracking}.json`).query({ api_key: rogueKey })).status).toBe(
        403,
      );
      const roguePost = await postForm('requests.json', {
        ...laporRequest(),
        api_key: rogueKey,
      });
      expect(roguePost.status).toBe(403);
      for (const key of [laporKey, smsKey, undefined]) {
        const res = await get('requests.json').query({
          ...(key ? { api_key: key } : {}),
          service_request_id: tracking,
        });
        expect(res.body).toEqual([]);
      }
      expect((await get(`requests/${tracking}.json`)).status).toBe(404);
    });

    it('never shows the reporter’s name, phone, e-mail or NIK, with a key or without', async () => {
      const nikId = await submit(
        laporRequest({ service_code: 'belum-terdata', 'attribute[nik]': VALID_NIK }),
      );
      for (const format of ['json', 'xml']) {
        for (const query of [{ extensions: 'true' }, { api_key: laporKey, extensions: 'true' }]) {
          const res = await get(`requests.${format}`).query(query);
          expect(res.text).toContain(nikId);
          for (const secret of ['Siti', 'Rahmawati', '081234567890', 'siti.rahmawati', VALID_NIK]) {
            expect({ format, query, text: res.text }).toEqual({
              format,
              query,
              text: expect.not.stringContaining(secret),
            });
          }
        }
      }
    });

    it('shows a sensitive ticket without its description, at its kelurahan’s centre', async () => {
      const [category] = await db.query(`SELECT sensitive FROM categories WHERE code = $1`, [
        'belum-terdata',
      ]);
      expect(category.sensitive).toBe(true);
      const centre = api.app.get(RegionDirectory).centre(GAMBIR)!;
      const atMonas = await submit(
        laporRequest({
          service_code: 'belum-terdata',
          'attribute[nik]': VALID_NIK,
          description: 'Keluarga lansia di belakang Monas belum menerima bantuan',
        }),
      );
      // Another household of the same kelurahan, at another place: the same point is shown.
      const atStation = await submit(
        laporRequest({
          service_code: 'belum-terdata',
          'attribute[nik]': VALID_NIK,
          lat: '-6.1766',
          long: '106.8306',
        }),
      );
      for (const id of [atMonas, atStation]) await waitForTicketRouted(id);
      const shown = (await expectSameInXml(
        'requests',
        { service_request_id: `${atMonas},${atStation}`, extensions: 'true' },
        'service_requests',
        'request',
      )) as Json[];
      expect(shown).toHaveLength(2);
      for (const request of shown) {
        expect(request).toMatchObject({
          service_code: 'belum-terdata',
          description: null,
          media_url: null,
          address: 'Kelurahan Gambir, Kecamatan Gambir, Kota Administrasi Jakarta Pusat',
          lat: centre.lat,
          long: centre.lon,
          extended_attributes: { kelurahan_code: GAMBIR },
        });
      }
      // The centre is no reporter's point, and lies in the kelurahan itself.
      expect([centre.lat, centre.lon]).not.toEqual([-6.1754, 106.8272]);
      const located = await api
        .http()
        .get('/api/v1/regions/locate')
        .set(admin)
        .query({ lat: centre.lat, lon: centre.lon });
      expect(located.body).toMatchObject({ kelurahan: { code: GAMBIR }, method: 'contains' });
      const xml = await get(`requests/${atMonas}.xml`);
      expect(xml.text).not.toContain('Keluarga lansia');
      expect(xml.text).not.toContain('-6.1754');
    });
  });

  describe('errors', () => {
    it('answers 400 for every kind of bad input, each problem named, never 500', async () => {
      const cases: [Record<string, string>, RegExp][] = [
        [laporRequest({ service_code: '' }), /service_code: must be a service code/],
        [
          laporRequest({ service_code: 'no-such-service' }),
          /service_code: no-such-service is not a service/,
        ],
        [laporRequest({ lat: '', long: '' }), /address_string: is required when lat and long/],
        [laporRequest({ long: '' }), /long: must be a decimal number/],
        [laporRequest({ lat: 'abc' }), /lat: must be a decimal number/],
        [laporRequest({ lat: '106.8272', long: '-6.1754' }), /lat.*looks swapped with long/],
        [laporRequest({ lat: '-95', long: '200' }), /lat: must be a latitude between -90 and 90/],
        [laporRequest({ description: 'x'.repeat(4_001) }), /at most 4,000 characters/],
        [laporRequest({ description: '' }), /description: must not be empty/],
        [laporRequest({ email: 'not-an-email' }), /email: must be an e-mail address/],
        [laporRequest({ phone: 'call me' }), /phone: must be a telephone number/],
        [laporRequest({ media_url: 'javascript:alert(1)' }), /media_url: must be an http\(s\) URL/],
        [laporRequest({ 'attribute[colour]': 'red' }), /attribute\[colour\]: is not an attribute/],
        [
          laporRequest({ 'attribute[lapor_tracking_id]': '' }),
          /attribute\[lapor_tracking_id\]: is required/,
        ],
        [
          laporRequest({ 'attribute[lapor_tracking_id]': 'a b' }),
          /attribute\[lapor_tracking_id\]: does not have the form/,
        ],
        [
          laporRequest({ attribute: 'flat' }),
          /attribute: must be given as attribute\[code\]=value/,
        ],
        [laporRequest({ 'description[]': 'array' }), /description/],
        [laporRequest({ colour: 'red' }), /colour: is not a field of this request/],
        [smsRequest({ phone: '' }), /phone: is required for requests of channel sms/],
        // Found by review: each was a 500.
        [laporRequest({ service_code: 'constructor' }), /constructor is not a service/],
        [
          laporRequest({ first_name: 'A'.repeat(100), last_name: 'B'.repeat(100) }),
          /first_name and last_name together must be at most 199 characters/,
        ],
      ];
      for (const [fields, pattern] of cases) {
        const res = await postForm('requests.json', fields);
        expect({ fields, status: res.status }).toEqual({ fields, status: 400 });
        expect(Array.isArray(res.body)).toBe(true);
        for (const error of res.body as Json[]) {
          expect(Object.keys(error).sort()).toEqual(['code', 'description']);
          expect(error.code).toBe(400);
        }
        expect({
          fields,
          text: (res.body as Json[]).map((e) => e.description).join(' | '),
        }).toEqual({ fields, text: expect.stringMatching(pattern) });
      }
    });

    it('answers wrong JSON types and malformed bodies with 400 in the spec’s format', async () => {
      const post = (body: string, type: string) =>
        api.http().post('/open311/v2/requests.json').set('Content-Type', type).send(body);
      const wrongTypes = await post(
        JSON.stringify({ api_key: laporKey, service_code: 5, description: { a: 1 }, lat: '1e3' }),
        'application/json',
      );
      expect(wrongTypes.status).toBe(400);
      expect(wrongTypes.body.map((e: Json) => e.description).join(' ')).toMatch(
        /service_code: must be.*description: must be text/,
      );
      const malformed = await post('{"api_key": ', 'application/json');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual([
        { code: 400, description: 'Request body is not valid JSON' },
      ]);
      const tooLarge = await post(
        form({ api_key: laporKey, description: 'x'.repeat(1_100_000) }),
        'application/x-www-form-urlencoded',
      );
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body[0].code).toBe(413);
      const xml = await api
        .http()
        .post('/open311/v2/requests.xml')
        .set('Content-Type', 'application/json')
        .send('not json');
      expect(xml.status).toBe(400);
      expect(xmlParser.parse(xml.text).errors.error).toEqual([
        { code: '400', description: 'Request body is not valid JSON' },
      ]);
    });

    it('answers bad search parameters with 400', async () => {
      const now = Date.now();
      const cases: [Json, RegExp][] = [
        [
          {
            start_date: new Date(now - 91 * 86_400_000).toISOString(),
            end_date: new Date(now).toISOString(),
          },
          /at most 90 days after start_date/,
        ],
        [{ start_date: '2026-03-01T00:00:00Z', end_date: '2026-02-01T00:00:00Z' }, /not be after/],
        [{ start_date: 'yesterday' }, /start_date: must be a W3C/],
        // ISO 8601 forms that name no instant a database can compare (found by review: 500s).
        [{ start_date: '2026-W01' }, /start_date: must be a W3C/],
        [{ start_date: '2026-123' }, /start_date: must be a W3C/],
        [{ end_date: '2026-11-20T08' }, /end_date: must be a W3C/],
        [{ end_date: '2026-11-20T08:15:00+07' }, /end_date: must be a W3C/],
        [{ end_date: '20261120T081500Z' }, /end_date: must be a W3C/],
        [{ start_date: '2026-02-30' }, /start_date: must be a W3C/],
        [{ start_date: '2026-11-20T25:00:00Z' }, /start_date: must be a W3C/],
        [{ status: 'pending' }, /status: must be open, closed/],
        [{ extensions: 'yes' }, /extensions: must be true or false/],
        [{ service_request_id: 'a b' }, /service_request_id: must be tracking numbers/],
        [{ page: '2' }, /page: is not a field of this request/],
      ];
      for (const [query, pattern] of cases) {
        const res = await get('requests.json').query({ api_key: laporKey, ...query });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body[0].description).toMatch(pattern);
      }
    });

    it('refuses a post without a key, and any call with an unknown or revoked key (403)', async () => {
      const created = await api
        .http()
        .post('/api/v1/open311/keys')
        .set(admin)
        .send({ channel: 'lapor-1708', name: 'Soon revoked' });
      const doomed = created.body.key as string;
      expect((await get('requests.json').query({ api_key: doomed })).status).toBe(200);
      expect(
        (await api.http().delete(`/api/v1/open311/keys/${created.body.id}`).set(admin)).status,
      ).toBe(200);

      for (const key of [undefined, 'o311_unknown-key-000000000000', doomed]) {
        const fields = laporRequest();
        if (key) fields.api_key = key;
        else delete (fields as Partial<Record<string, string>>).api_key;
        const post = await postForm('requests.json', fields);
        expect(post.status).toBe(403);
        expect(post.body).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
      }
      // Reads need no key; one that is given must still be good.
      for (const key of ['o311_unknown-key-000000000000', doomed]) {
        const list = await get('requests.json').query({ api_key: key });
        expect(list.status).toBe(403);
        expect(list.body).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
        const one = await get('requests/JKT-AAAA-AAAA-AAAA.xml').query({ api_key: key });
        expect(one.status).toBe(403);
        expect(xmlParser.parse(one.text).errors.error[0].code).toBe('403');
      }
      expect((await get('requests.json')).status).toBe(200);
      expect((await get('requests/JKT-AAAA-AAAA-AAAA.xml')).status).toBe(404);
    });

    it('answers 404 for an unknown request, in JSON and XML', async () => {
      const json = await get('requests/JKT-ZZZZ-ZZZZ-ZZZZ.json').query({ api_key: laporKey });
      expect(json.status).toBe(404);
      expect(json.body).toEqual([
        { code: 404, description: 'No service request JKT-ZZZZ-ZZZZ-ZZZZ' },
      ]);
      const xml = await get('requests/JKT-ZZZZ-ZZZZ-ZZZZ.xml').query({ api_key: laporKey });
      expect(xml.status).toBe(404);
      expect(xmlParser.parse(xml.text).errors.error).toEqual([
        { code: '404', description: 'No service request JKT-ZZZZ-ZZZZ-ZZZZ' },
      ]);
    });

    it('keeps the API’s own error shape outside /open311', async () => {
      const res = await api.http().post('/api/v1/open311/keys').set(admin).send({ channel: 'x' });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    });
  });

  describe('API keys', () => {
    it('creates a key shown once, lists keys without their values, and revokes', async () => {
      const created = await api
        .http()
        .post('/api/v1/open311/keys')
        .set(admin)
        .send({ channel: 'media-massa', name: 'Kompas newsroom' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        channel: 'media-massa',
        name: 'Kompas newsroom',
        source: 'admin',
        revokedAt: null,
        key: expect.stringMatching(/^o311_[A-Za-z0-9_-]{43}$/),
      });
      expect(created.body.key.startsWith(created.body.keyPrefix)).toBe(true);
      const [stored] = await db.query(`SELECT * FROM open311_api_keys WHERE id = $1`, [
        created.body.id,
      ]);
      expect(JSON.stringify(stored)).not.toContain(created.body.key);

      const list = await api.http().get('/api/v1/open311/keys').set(admin);
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(created.body.key);
      expect(list.text).not.toContain(laporKey);
      const listed = (list.body.data as Json[]).find((k) => k.id === created.body.id);
      expect(listed).toEqual({ ...created.body, key: undefined });
      expect(listed).not.toHaveProperty('key');

      const revoked = await api.http().delete(`/api/v1/open311/keys/${created.body.id}`).set(admin);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      const missing = await api
        .http()
        .delete('/api/v1/open311/keys/00000000-0000-4000-8000-000000000000')
        .set(admin);
      expect(missing.status).toBe(404);
      expect((await api.http().delete('/api/v1/open311/keys/nope').set(admin)).status).toBe(400);
    });

    it('refuses unknown channels and the JAKI and Inspektorat channels', async () => {
      for (const channel of ['no-such-channel', 'jaki', 'inspektorat']) {
        const res = await api
          .http()
          .post('/api/v1/open311/keys')
          .set(admin)
          .send({ channel, name: 'Refused' });
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
    });

    it('lets only admins manage keys', async () => {
      for (const role of ['diskominfo', 'operator', 'unit', 'dashboard', 'verifier'] as const) {
        const auth = { Authorization: `Bearer ${await api.token(role)}` };
        const calls = [
          api.http().post('/api/v1/open311/keys').set(auth).send({ channel: 'sms', name: 'x' }),
          api.http().get('/api/v1/open311/keys').set(auth),
          api.http().delete('/api/v1/open311/keys/00000000-0000-4000-8000-000000000000').set(auth),
        ];
        for (const res of await Promise.all(calls)) {
          expect(res.status).toBe(403);
          expectErrorShape(res.body, 403, 'FORBIDDEN');
        }
      }
      expect((await api.http().get('/api/v1/open311/keys')).status).toBe(401);
    });

    it('bootstraps the keys of OPEN311_API_KEYS idempotently', async () => {
      const res = await get('requests.json').query({ api_key: BOOT_KEY });
      expect(res.status).toBe(200);
      await api.app.get(Open311Keys).onApplicationBootstrap();
      await api.app.get(Open311Keys).onApplicationBootstrap();
      const [row] = await db.query(
        `SELECT count(*)::int AS n FROM open311_api_keys
          WHERE key_hash = encode(sha256($1::bytea), 'hex')`,
        [BOOT_KEY],
      );
      expect(row.n).toBe(1);
      const list = await api.http().get('/api/v1/open311/keys').set(admin);
      expect(list.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: 'config',
            channel: 'lapor-1708',
            keyPrefix: BOOT_KEY.slice(0, 4),
          }),
        ]),
      );
    });
  });

  it('throttles public reads per client address', async () => {
    const limited = await startTestApi({
      THROTTLE_LIMIT: '3',
      TRUST_PROXY: 'loopback',
      QUEUE_PREFIX: `open311-throttle-${Math.random().toString(36).slice(2, 8)}`,
      RUN_WORKER: 'false',
    });
    try {
      const read = (client: string) =>
        limited.http().get('/open311/v2/requests.json').set('X-Forwarded-For', client);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await read('198.51.100.7')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Another client's budget is its own.
      expect((await read('198.51.100.8')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('is described in the OpenAPI document, which stays valid', async () => {
    const res = await api.http().get('/docs-json');
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/open311/v2/services.{format}',
        '/open311/v2/services/{service_code}.{format}',
        '/open311/v2/requests.{format}',
        '/open311/v2/requests/{service_request_id}.{format}',
        '/api/v1/open311/keys',
        '/api/v1/open311/keys/{id}',
      ]),
    );
  });
});
