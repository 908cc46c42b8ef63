import fc from 'fast-check';
import sharp from 'sharp';
import { XMLParser } from 'fast-xml-parser';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { ReporterLinks } from '@crm/notices';
import { seededRandom, syntheticNik } from '@crm/testing';
import { applicationForm } from './support/application-form';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import { routesOf } from '@crm/core';
import { jakiSignature } from './support/intake-client';
import {
  edgeCoordinate,
  FuzzInput,
  inputs,
  instantOr,
  Json,
  malformedNik,
  MARK,
  mutated,
  storableText,
} from './support/fuzz/arbitraries';
import {
  describeSent,
  listen,
  nextMarker,
  send,
  Sent,
  SendOptions,
} from './support/fuzz/fuzz-client';

/**
 * Every write route gets FUZZ_RUNS generated requests (default 1,000; `npm run test:fuzz` sends
 * 10,000): valid bodies and every kind of damage to them, raw invalid JSON, wrong content types,
 * oversized bodies. Whatever arrives: never a 5xx, every 4xx in the documented error shape, nothing
 * stored from a refused request; and accepted text comes back exactly as sent.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
/** Requests in flight at once per route */
const BATCH = 8;
const GAMBIR = '31.71.01.1001';
/** A kelurahan no other suite sends tickets to: its webhook may be fuzzed safely */
const WEBHOOK_UNIT = '31.01.01.1001';
/**
 * A kelurahan where no suite puts households on the prelist: a fuzzed export batch of it sends
 * nobody for ranking (Pulau Panggang, as WEBHOOK_UNIT)
 */
const EXPORT_KELURAHAN = '31.01.01.1001';
/** Far enough ahead that no deadline of any suite crosses a fuzzed holiday */
const HOLIDAY_YEAR = 2099;

jest.setTimeout(600_000);

/** A JSON answer, read loosely */
type Answer = Record<string, unknown>;

type Role = 'operator' | 'diskominfo' | 'admin' | 'unit' | 'verifier';

interface Recipe {
  inputs: fc.Arbitrary<FuzzInput>;
  send: (input: FuzzInput) => Promise<Sent>;
  /** Errors in GeoReport's `[{code, description}]` instead of the API's shape */
  georeport?: boolean;
  /** Of the markers of refused requests, those that left something stored */
  leftovers?: (markers: string[]) => Promise<string[]>;
  /** The state of the route's own target: a batch refused entirely must not change it */
  snapshot?: () => Promise<string>;
  /** More checks of an accepted request */
  accepted?: (sent: Sent) => void | Promise<void>;
}

/** The write routes and how to fuzz each; a write route missing here fails the suite. */
const ROUTES = [
  'POST /api/v1/channels/jaki/complaints',
  'POST /api/v1/complaints',
  'POST /api/v1/complaints/:id/dispositions',
  'POST /api/v1/complaints/:id/accept',
  'POST /api/v1/complaints/:id/follow-ups',
  'POST /api/v1/complaints/:id/validation',
  'POST /api/v1/complaints/:id/reject',
  'POST /api/v1/complaints/:id/reopen',
  'POST /api/v1/complaints/:id/registry-check',
  'POST /api/v1/complaints/:id/application',
  'POST /api/v1/complaints/:id/triage',
  'POST /api/v1/prelist',
  'POST /api/v1/prelist/feedback',
  'POST /api/v1/prelist/exports',
  'POST /api/v1/prelist/:id/verifications',
  'POST /api/v1/prelist/:id/muskel',
  'POST /api/v1/pii/reveal',
  'POST /api/v1/holidays',
  'DELETE /api/v1/holidays/:date',
  'PUT /api/v1/sla-rules',
  'PUT /api/v1/units/:code/webhook',
  'DELETE /api/v1/units/:code/webhook',
  'POST /api/v1/registry/imports',
  'POST /api/v1/open311/keys',
  'DELETE /api/v1/open311/keys/:id',
  'POST /open311/v2/requests.:format',
  'POST /api/v1/reporter/:token/dispute',
  'POST /api/v1/reporter/:token/rating',
  'POST /api/v1/replies/:id/sent',
  'PUT /api/v1/notice-templates/:kind',
  'POST /api/v1/complaints/:id/notes',
  'POST /api/v1/complaints/:id/category',
  'POST /api/v1/complaints/:id/priority',
  'POST /api/v1/complaints/:id/assignee',
  'POST /api/v1/validations',
  'POST /api/v1/units',
  'POST /api/v1/console/dev-sign-in',
  'PATCH /api/v1/units/:code',
  'POST /api/v1/categories',
  'PATCH /api/v1/categories/:code',
  'PATCH /api/v1/channels/:code',
  'POST /api/v1/response-templates',
  'PATCH /api/v1/response-templates/:id',
  'POST /api/v1/complaints/:id/attachments',
  'POST /api/v1/attachments/:id/publication',
  'DELETE /api/v1/attachments/:id/publication',
] as const;
type RouteKey = (typeof ROUTES)[number];

const random = seededRandom(7);
const VALID_NIKS = Array.from({ length: 50 }, () => syntheticNik(random));
const validNik = fc.constantFrom(...VALID_NIKS);
const nik = fc.oneof({ weight: 3, arbitrary: validNik }, { weight: 1, arbitrary: malformedNik });
const marked = (max: number) => storableText(max - MARK.length - 40).map((t) => `${MARK} ${t}`);
/**
 * A point of Jakarta's mainland, south of -6.22: the kelurahan other suites watch (Kebon Sirih's
 * webhook in test/notifications, the access matrix's elsewhere) lie north of it, and tickets the
 * fuzz routes there could take a delivery those suites count.
 */
const jakartaPoint = fc.record({
  lat: fc.double({ min: -6.35, max: -6.22, noNaN: true }),
  lon: fc.double({ min: 106.7, max: 106.95, noNaN: true }),
});
const swapLatLon = fc.constant((body: Json): Json => {
  const target = body as { location?: { lat: Json; lon: Json }; lat?: Json; long?: Json };
  if (target.location)
    [target.location.lat, target.location.lon] = [target.location.lon, target.location.lat];
  if (target.lat !== undefined) [target.lat, target.long] = [target.long, target.lat];
  return body;
});
const edgeLocation = fc
  .tuple(edgeCoordinate, edgeCoordinate)
  .map(([lat, lon]) => (body: Json): Json => {
    const target = body as { location?: Json; lat?: Json; long?: Json };
    if ('long' in target || 'address_string' in target) return { ...target, lat, long: lon };
    return { ...target, location: { lat, lon } };
  });
const coordinateDamage = fc.oneof(swapLatLon, edgeLocation);

/** Not SMS or LAPOR!: the Open311 suite lists the requests of those channels. */
const CHANNEL_DETAILS: Record<string, Json> = {
  twitter: { handle: '@warga_<b>gambir</b>', postUrl: 'https://twitter.com/warga/status/1' },
  email: { fromAddress: 'warga@example.com', subject: 'Bantuan "sosial" & <lainnya>' },
  'media-massa': { mediaOutlet: "Kompas' OR 1=1", articleUrl: 'https://kompas.example/berita/1' },
  'pendopo-balaikota': {},
};
const CATEGORIES = ['lainnya', 'air-bersih-sanitasi', 'kartu-bantuan-sosial', 'jalan-rusak', 'x'];

const reporter = fc.record(
  {
    name: storableText(200),
    phone: fc.constantFrom('081234567890', '+62 812 1111 2222', '0812-3456-789'),
    email: fc.constantFrom('siti@example.com', "o'brien+tag@example.co.id"),
    nik: validNik,
  },
  { requiredKeys: ['name'] },
);

const operatorBody: fc.Arbitrary<Json> = fc
  .record(
    {
      channel: fc.constantFrom(...Object.keys(CHANNEL_DETAILS)),
      externalId: fc.constant(MARK),
      reporter,
      description: marked(4_000),
      category: fc.constantFrom(...CATEGORIES),
      address: storableText(500),
      location: jakartaPoint,
      kelurahanCode: fc.constantFrom(GAMBIR, '31.72.01.1001', '31.99.99.9999'),
      reportedAt: fc.oneof(
        instantOr('2026-11-20T08:15:00+07:00'),
        fc.constant('2026-02-30T00:00:00Z'),
      ),
    },
    { requiredKeys: ['channel', 'reporter', 'description'] },
  )
  .map((body) => ({ ...body, details: CHANNEL_DETAILS[body.channel] }) as Json);

const jakiBody: fc.Arbitrary<Json> = fc.record(
  {
    externalId: fc.constant(MARK),
    reportedAt: instantOr('2026-11-20T08:15:00+07:00'),
    reporter,
    description: marked(4_000),
    category: fc.constantFrom(...CATEGORIES),
    address: storableText(500),
    location: jakartaPoint,
    photos: fc.constantFrom<Json>(['https://example.org/a.jpg'], [], ['javascript:alert(1)']),
  },
  { requiredKeys: ['externalId', 'reporter', 'description', 'location'] },
) as fc.Arbitrary<Json>;

describe('fuzz: every write route', () => {
  let api: TestApi;
  let db: DataSource;
  let base: string;
  const auth: Partial<Record<Role | 'lurah', Record<string, string>>> = {};
  const recipes = new Map<RouteKey, Recipe>();
  let open311Key: string;

  const query = async <T>(sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)) as T[];
  /** The markers, of those given, that occur in `where` (a condition on the marker `m`) */
  const found = async (markers: string[], where: string, params: unknown[] = []) =>
    (
      await query<{ m: string }>(`SELECT m FROM unnest($1::text[]) AS m WHERE ${where}`, [
        markers,
        ...params,
      ])
    ).map((row) => row.m);

  const call = async (method: string, path: string, role: Role | 'lurah', body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...auth[role] },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Answer };
  };
  const ticket = async (id: string) =>
    (await call('GET', `/api/v1/complaints/${id}`, 'admin')).body;
  const routed = async (id: string) => {
    for (let i = 0; i < 150 && !(await ticket(id)).routedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return ticket(id);
  };
  const created = async (res: { status: number; body: Answer }) => {
    if (res.status !== 201) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
    return (await routed(res.body.id as string)).id as string;
  };
  const step = async (id: string, action: string, role: Role | 'lurah', body: unknown = {}) => {
    const res = await call('POST', `/api/v1/complaints/${id}/${action}`, role, body);
    if (res.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A walk-in complaint waiting in Diskominfo's review queue. */
  const reviewTicket = (category?: string) =>
    call('POST', '/api/v1/complaints', 'operator', {
      channel: 'pendopo-balaikota',
      reporter: { name: 'Warga Fuzz', phone: '081200000099' },
      description: 'Fuzz target ticket',
      ...(category ? { category } : {}),
    }).then(created);
  /** A JAKI complaint at Monas, held by Gambir. */
  const gambirTicket = async () => {
    const raw = JSON.stringify({
      externalId: `fuzz-target-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      reporter: { name: 'Warga Fuzz' },
      description: 'Fuzz target ticket at Monas',
      category: 'lainnya',
      location: { lat: -6.1754, lon: 106.8272 },
    });
    const res = await fetch(`${base}/api/v1/channels/jaki/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jaki-Signature': jakiSignature(raw) },
      body: raw,
    });
    return created({ status: res.status, body: (await res.json()) as Answer });
  };
  const headNik = () => syntheticNik(random, 'P');
  const formFor = (head: string): Json =>
    applicationForm(random, head, {
      kelurahanCode: '31.72.01.1001',
      address: `${MARK} Jl. Contoh Gg. 3 No. 7, RT 02/RW 05`,
    });
  /** A complaint whose reporter the registry check did not find (the form comes next). */
  const notRegistered = async () => {
    const id = await reviewTicket('belum-terdata');
    const nikOfHead = headNik();
    const checked = await step(id, 'registry-check', 'diskominfo', { nik: nikOfHead });
    if (checked.result !== 'not_registered') throw new Error(JSON.stringify(checked));
    return { id, head: nikOfHead };
  };

  /** The ticket's version, status and history length: a refused step changes none of them. */
  const ticketState = (id: string) => async () =>
    JSON.stringify(
      await query(
        `SELECT c.version, c.status, c.assigned_unit_code,
                (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id) AS events,
                (SELECT count(*) FROM follow_ups f WHERE f.complaint_id = c.id) AS follow_ups,
                (SELECT count(*) FROM applications a WHERE a.complaint_id = c.id) AS applications
           FROM complaints c WHERE c.id = $1`,
        [id],
      ),
    );
  /** Refused steps on a ticket leave no event, follow-up or application with their marker. */
  const ticketLeftovers = (id: string) => (markers: string[]) =>
    found(
      markers,
      `EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = $2 AND strpos(e::text, m) > 0)
       OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.complaint_id = $2 AND strpos(f::text, m) > 0)
       OR EXISTS (SELECT 1 FROM applications a WHERE a.complaint_id = $2 AND strpos(a::text, m) > 0)`,
      [id],
    );
  /** Refused intake leaves no ticket carrying the request's marker. */
  const intakeLeftovers = (markers: string[]) =>
    found(
      markers,
      `EXISTS (SELECT 1 FROM complaints c WHERE c.external_id = m OR c.idempotency_key = m
                 OR strpos(c.description, m) > 0)`,
    );

  const sender =
    (options: SendOptions) =>
    (input: FuzzInput): Promise<Sent> =>
      send(base, input, options);
  const stepSender = (id: string, action: string, role: Role | 'lurah') =>
    sender({ method: 'POST', path: `/api/v1/complaints/${id}/${action}`, headers: auth[role] });

  /** An accepted intake answers with the text exactly as sent. */
  const sameText = (sent: Sent) => {
    const body = sent.sentJson as { description?: string };
    const answer = sent.body as { description?: string };
    if (answer.description !== body.description) {
      throw new Error(`description altered:\n${describeSent(sent)}`);
    }
  };

  beforeAll(async () => {
    api = await startTestApi({ THROTTLE_LIMIT: '100000000' });
    db = api.app.get(DataSource);
    base = await listen(api.app);
    const bearer = async (role: Role, unit?: string, channels?: string[]) => ({
      Authorization: `Bearer ${await api.token(role, unit, channels)}`,
    });
    auth.operator = await bearer('operator', 'diskominfo', Object.keys(CHANNEL_DETAILS));
    auth.diskominfo = await bearer('diskominfo', 'diskominfo');
    auth.admin = await bearer('admin', 'diskominfo');
    auth.lurah = await bearer('unit', GAMBIR);
    auth.verifier = await bearer('verifier', 'dinsos');

    // Not LAPOR! or SMS: the Open311 suite lists the requests of those channels.
    const key = await call('POST', '/api/v1/open311/keys', 'admin', {
      channel: 'pendopo-balaikota',
      name: 'Fuzz client',
    });
    open311Key = key.body.key as string;

    // The targets of the handling steps, each in the state its step starts from.
    const closedGambirTicket = () =>
      gambirTicket().then(async (id) => {
        await step(id, 'accept', 'lurah');
        await step(id, 'follow-ups', 'lurah', { note: 'Sudah diperbaiki' });
        await step(id, 'validation', 'diskominfo', { decision: 'approve' });
        return id;
      });
    const [toDispute, toRate] = await Promise.all([closedGambirTicket(), closedGambirTicket()]);
    const [toDispose, toAccept, inProses, toValidate, toReject, toReopen, toCheck] =
      await Promise.all([
        reviewTicket(),
        gambirTicket(),
        gambirTicket().then(async (id) => (await step(id, 'accept', 'lurah'), id)),
        gambirTicket().then(async (id) => {
          await step(id, 'accept', 'lurah');
          await step(id, 'follow-ups', 'lurah', { note: 'Sudah diperbaiki' });
          return id;
        }),
        reviewTicket(),
        gambirTicket().then(async (id) => {
          await step(id, 'accept', 'lurah');
          await step(id, 'follow-ups', 'lurah', { note: 'Sudah diperbaiki' });
          await step(id, 'validation', 'diskominfo', { decision: 'approve' });
          return id;
        }),
        reviewTicket('belum-terdata'),
      ]);
    const inPrelist = (t: { id: string; head: string }) =>
      step(t.id, 'application', 'diskominfo', formFor(t.head)).then(() =>
        step(t.id, 'triage', 'diskominfo', { emergency: false, reason: 'Masuk prelist' }),
      );
    /** A prelist entry every agency has verified: the Musyawarah Kelurahan may decide on it. */
    const verified = async () => {
      const id = (await inPrelist(await notRegistered())).prelistEntryId as string;
      for (const agency of ['dppapp', 'dinsos', 'disdukcapil']) {
        const res = await fetch(`${base}/api/v1/prelist/${id}/verifications`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(await bearer('verifier', agency)),
          },
          body: JSON.stringify({ result: 'ditemukan', note: 'Ditemukan di alamat' }),
        });
        if (res.status !== 200) throw new Error(`verification failed: ${await res.text()}`);
      }
      return id;
    };
    const [forApplication, forTriage, forPrelist, forMuskel] = await Promise.all([
      notRegistered(),
      notRegistered().then(async (t) => {
        await step(t.id, 'application', 'diskominfo', formFor(t.head));
        return t;
      }),
      notRegistered().then(inPrelist),
      verified(),
    ]);
    const prelistId = forPrelist.prelistEntryId as string;

    // The desk's targets, and what the reference data administration may touch: records of the
    // fuzz's own, and one channel only ever set to what it is.
    const [toNote, toRecategorise, toPrioritise, toAssign, toAttach, ...toValidateMany] =
      await Promise.all([
        gambirTicket(),
        gambirTicket().then(async (id) => (await step(id, 'accept', 'lurah'), id)),
        reviewTicket(),
        reviewTicket(),
        gambirTicket().then(async (id) => (await step(id, 'accept', 'lurah'), id)),
        ...[1, 2, 3].map(() =>
          gambirTicket().then(async (id) => {
            await step(id, 'accept', 'lurah');
            await step(id, 'follow-ups', 'lurah', { note: 'Sudah diperbaiki' });
            return id;
          }),
        ),
      ]);
    const fuzzUnit = `fuzz-upt-${Date.now().toString(36)}`;
    const fuzzCategory = `fuzz-program-${Date.now().toString(36)}`;
    const created = await Promise.all([
      call('POST', '/api/v1/units', 'admin', {
        code: fuzzUnit,
        name: 'UPT Fuzz',
        type: 'ukpd',
        parent: 'dinsos',
        active: false,
      }),
      call('POST', '/api/v1/categories', 'admin', {
        code: fuzzCategory,
        name: 'Program Fuzz',
        defaultUnit: 'dinsos',
        active: false,
      }),
      call('POST', '/api/v1/response-templates', 'admin', {
        stage: 'reply',
        title: 'Templat Fuzz',
        text: 'Terima kasih.',
        active: false,
      }),
    ]);
    for (const res of created) {
      if (res.status !== 201) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
    }
    const fuzzTemplate = created[2].body.id as string;

    const lifecycle = (
      key: RouteKey,
      id: string,
      action: string,
      role: Role | 'lurah',
      body: fc.Arbitrary<Json>,
      extra?: fc.Arbitrary<(body: Json) => Json>,
    ) =>
      recipes.set(key, {
        inputs: inputs(mutated(body, { extra })),
        send: stepSender(id, action, role),
        snapshot: ticketState(id),
        leftovers: ticketLeftovers(id),
      });

    recipes.set('POST /api/v1/complaints', {
      inputs: inputs(mutated(operatorBody, { extra: coordinateDamage })),
      send: sender({
        method: 'POST',
        path: '/api/v1/complaints',
        headers: auth.operator,
        idempotencyKey: true,
      }),
      leftovers: intakeLeftovers,
      accepted: sameText,
    });
    recipes.set('POST /api/v1/channels/jaki/complaints', {
      inputs: inputs(mutated(jakiBody, { extra: coordinateDamage })),
      send: sender({
        method: 'POST',
        path: '/api/v1/channels/jaki/complaints',
        sign: (raw) => ({ 'X-Jaki-Signature': jakiSignature(raw.toString()) }),
        idempotencyKey: true,
      }),
      leftovers: intakeLeftovers,
      accepted: sameText,
    });

    lifecycle(
      'POST /api/v1/complaints/:id/dispositions',
      toDispose,
      'dispositions',
      'diskominfo',
      fc.record(
        {
          toUnit: fc.constantFrom(GAMBIR, 'dinsos', 'pam-jaya', 'no-such-unit', 'diskominfo'),
          reason: fc.constantFrom('wrong-area', 'wrong-function', 'review', 'other', 'because'),
          note: marked(2_000),
        },
        { requiredKeys: ['toUnit', 'reason'] },
      ),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/accept',
      toAccept,
      'accept',
      'lurah',
      fc.record({ note: marked(200) }, { requiredKeys: [] }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/follow-ups',
      inProses,
      'follow-ups',
      'lurah',
      fc.record(
        {
          note: marked(4_000),
          evidence: fc.constantFrom<Json>(
            ['https://example.org/foto.jpg'],
            [],
            ['http://example.org/x'],
            ['https://a.b/' + '<script>'],
          ),
          doneAt: fc.oneof(
            instantOr('2026-11-20T10:00:00+07:00'),
            fc.constantFrom('2026-13-01T00:00:00Z', 'kemarin'),
          ),
        },
        { requiredKeys: ['note'] },
      ),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/validation',
      toValidate,
      'validation',
      'diskominfo',
      fc.record(
        { decision: fc.constantFrom('approve', 'reject', 'APPROVE'), note: marked(2_000) },
        { requiredKeys: ['decision'] },
      ),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/reject',
      toReject,
      'reject',
      'diskominfo',
      fc.record(
        {
          reason: marked(2_000),
          duplicateOf: fc.constantFrom(toAccept, '00000000-0000-0000-0000-000000000000', 'x'),
        },
        { requiredKeys: ['reason'] },
      ),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/reopen',
      toReopen,
      'reopen',
      'diskominfo',
      fc.record({ reason: marked(2_000) }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/registry-check',
      toCheck,
      'registry-check',
      'diskominfo',
      fc.record({ nik }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/application',
      forApplication.id,
      'application',
      'diskominfo',
      fc
        .tuple(
          fc.constant(formFor(forApplication.head)),
          fc.integer({ min: -1, max: 1_000_000_001 }),
          fc.subarray(['no_food_today', 'disaster', 'violence', 'alien_invasion']),
          fc.option(malformedNik, { freq: 4 }),
        )
        .map(([form, spend, conditions, memberNik]) => {
          const body = structuredClone(form) as Answer;
          body.monthlyExpenditure = spend;
          body.conditions = conditions;
          if (memberNik !== null) (body.members as Answer[])[1].nik = memberNik;
          return body as Json;
        }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/triage',
      forTriage.id,
      'triage',
      'diskominfo',
      fc.record(
        {
          emergency: fc.boolean(),
          handlingUnit: fc.constantFrom('dinsos', 'no-such-unit', GAMBIR),
          reason: marked(2_000),
        },
        { requiredKeys: ['emergency', 'reason'] },
      ),
    );

    const prelistLeftovers = (entryId: string) => (markers: string[]) =>
      found(
        markers,
        `EXISTS (SELECT 1 FROM prelist_verifications v WHERE v.entry_id = $2 AND strpos(v::text, m) > 0)
         OR EXISTS (SELECT 1 FROM prelist_entries p WHERE p.id = $2 AND strpos(p::text, m) > 0)`,
        [entryId],
      );
    // The entry as the fuzzed routes write it. Its status and exported_at are left out: another
    // suite's Matriks 3 export moves every eligible entry to `dikirim` at any moment, and what the
    // fuzzed routes would change shows in the verifications and the muskel_* columns anyway.
    const prelistState = (entryId: string) => async () =>
      JSON.stringify(
        await query(
          `SELECT (to_jsonb(p) - 'status' - 'exported_at')::text AS entry,
                  (SELECT json_agg(v ORDER BY v.agency) FROM prelist_verifications v WHERE v.entry_id = p.id) AS v
             FROM prelist_entries p WHERE p.id = $1`,
          [entryId],
        ),
      );
    recipes.set('POST /api/v1/prelist/:id/verifications', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              result: fc.constantFrom('ditemukan', 'meninggal', 'pindah', 'tidak_ditemukan', 'ya'),
              correctedNik: nik,
              note: marked(2_000),
            },
            { requiredKeys: ['result', 'note'] },
          ),
        ),
      ),
      send: sender({
        method: 'POST',
        path: `/api/v1/prelist/${prelistId}/verifications`,
        headers: auth.verifier,
      }),
      leftovers: prelistLeftovers(prelistId),
      snapshot: prelistState(prelistId),
    });
    recipes.set('POST /api/v1/prelist/:id/muskel', {
      inputs: inputs(mutated(fc.record({ eligible: fc.boolean(), note: marked(2_000) }))),
      send: sender({
        method: 'POST',
        path: `/api/v1/prelist/${forMuskel}/muskel`,
        headers: auth.diskominfo,
      }),
      leftovers: prelistLeftovers(forMuskel),
      snapshot: prelistState(forMuskel),
    });
    // The Musyawarah's households: a form without conditions and its note (each head once; the
    // same head again is 409). A refused one stores no entry (its note).
    recipes.set('POST /api/v1/prelist', {
      inputs: inputs(
        fc
          .tuple(
            fc.constant(null).map(() => formFor(headNik())),
            marked(2_000),
            fc.option(malformedNik, { freq: 4 }),
            fc.boolean(),
          )
          .chain(([form, note, memberNik, withoutNik]) => {
            const body = structuredClone(form) as Answer;
            delete body.conditions;
            body.note = note;
            const members = body.members as Answer[];
            if (memberNik !== null) members[1].nik = memberNik;
            if (withoutNik) members[1].withoutNik = true;
            return mutated(fc.constant(body as Json));
          }),
      ),
      send: sender({ method: 'POST', path: '/api/v1/prelist', headers: auth.diskominfo }),
      leftovers: (markers) =>
        found(
          markers,
          `EXISTS (SELECT 1 FROM prelist_entries p WHERE strpos(p.muskel_note, m) > 0)`,
        ),
    });
    recipes.set('POST /api/v1/prelist/feedback', {
      inputs: multipart('file', feedbackCsv),
      send: sender({ method: 'POST', path: '/api/v1/prelist/feedback', headers: auth.diskominfo }),
      snapshot: prelistState(prelistId),
    });
    // The batches a fuzzed export may make: of its own kelurahan, or (a defect) of all of them.
    const exportState = async () =>
      JSON.stringify(
        await query(
          `SELECT count(*)::int AS n FROM prelist_exports
            WHERE kelurahan_code IS NULL OR kelurahan_code = $1`,
          [EXPORT_KELURAHAN],
        ),
      );
    recipes.set('POST /api/v1/prelist/exports', {
      inputs: inputs(
        mutated(
          fc.record({
            kelurahan: fc.constantFrom(EXPORT_KELURAHAN, '31.99.99.9999', '31.01.01', 'semua'),
          }),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => keepExportHarmless(input)),
      send: sender({ method: 'POST', path: '/api/v1/prelist/exports', headers: auth.diskominfo }),
      snapshot: exportState,
      accepted: (sent) => {
        const batch = sent.body as Answer;
        if (batch.kelurahan !== EXPORT_KELURAHAN || batch.entries !== 0) {
          throw new Error(`an export batch beyond its kelurahan:\n${describeSent(sent)}`);
        }
      },
    });
    // The reporter answers through their link (no bearer token: the link is the credential).
    const linkOf = (id: string) => `/api/v1/reporter/${api.app.get(ReporterLinks).token(id)}`;
    recipes.set('POST /api/v1/reporter/:token/dispute', {
      inputs: inputs(mutated(fc.record({ reason: marked(2_000) }))),
      send: sender({ method: 'POST', path: `${linkOf(toDispute)}/dispute`, headers: {} }),
      snapshot: ticketState(toDispute),
      leftovers: ticketLeftovers(toDispute),
    });
    recipes.set('POST /api/v1/reporter/:token/rating', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              score: fc.oneof(
                fc.integer({ min: -1, max: 7 }),
                fc.constantFrom<Json>(2.5, 'lima', null),
              ),
              comment: marked(2_000),
            },
            { requiredKeys: ['score'] },
          ),
        ),
      ),
      send: sender({ method: 'POST', path: `${linkOf(toRate)}/rating`, headers: {} }),
      snapshot: ticketState(toRate),
      leftovers: ticketLeftovers(toRate),
    });
    // Reply tasks of no suite: ids that name none, and words that are no id.
    recipes.set('POST /api/v1/replies/:id/sent', {
      inputs: pathAndBody(
        fc.oneof(
          fc.constantFrom('0', '-1', '999999999999999999', '1e3', "1' OR '1'='1"),
          fc.string({ maxLength: 30 }),
        ),
      ),
      send: pathSender('POST', (id) => `/api/v1/replies/${id}/sent`, auth.operator!),
    });
    // `reopened` only: no other suite reads that text; an accepted one is put back at once.
    recipes.set('PUT /api/v1/notice-templates/:kind', {
      inputs: inputs(
        mutated(
          fc.record({
            text: fc
              .tuple(
                marked(900),
                fc.constantFrom('{{trackingNumber}}', '{{nik}}', '{{', '}}', '{{ unit }}', ''),
              )
              .map(([words, placeholder]) => `${words} ${placeholder}`),
          }),
        ),
      ),
      send: sender({
        method: 'PUT',
        path: '/api/v1/notice-templates/reopened',
        headers: auth.admin,
      }),
      accepted: async () => {
        await db.query(`DELETE FROM notice_templates WHERE kind = 'reopened'`);
      },
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM notice_templates t WHERE strpos(t.text, m) > 0)`),
    });

    lifecycle(
      'POST /api/v1/complaints/:id/notes',
      toNote,
      'notes',
      'lurah',
      fc.record({ text: marked(4_000) }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/category',
      toRecategorise,
      'category',
      'diskominfo',
      fc.record({
        category: fc.constantFrom('air-bersih-sanitasi', 'perumahan', 'no-such', 'LAINNYA', ''),
        reason: marked(2_000),
      }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/priority',
      toPrioritise,
      'priority',
      'diskominfo',
      fc.record({ priority: fc.constantFrom('biasa', 'tinggi', 'darurat', 'segera', 'TINGGI') }),
    );
    lifecycle(
      'POST /api/v1/complaints/:id/assignee',
      toAssign,
      'assignee',
      'lurah',
      fc.record(
        { sub: fc.oneof(fc.constant<Json>(null), marked(200)), name: marked(200) },
        { requiredKeys: ['sub'] },
      ),
    );
    const validationsState = async () =>
      (await Promise.all(toValidateMany.map((id) => ticketState(id)()))).join('\n');
    recipes.set('POST /api/v1/validations', {
      inputs: inputs(
        mutated(
          fc.record({
            items: fc.array(
              fc.record(
                {
                  id: fc.constantFrom<Json>(
                    ...toValidateMany,
                    'x',
                    '00000000-0000-4000-8000-000000000000',
                  ),
                  ifMatch: fc.constantFrom('W/"1"', 'W/"99"', '*', '"2"', 'nope'),
                  decision: fc.constantFrom('approve', 'reject', 'APPROVE'),
                  note: marked(2_000),
                },
                { requiredKeys: ['id', 'ifMatch', 'decision'] },
              ),
              { minLength: 0, maxLength: 4 },
            ),
          }),
        ),
      ),
      send: sender({ method: 'POST', path: '/api/v1/validations', headers: auth.diskominfo }),
      snapshot: validationsState,
      leftovers: (markers) =>
        found(
          markers,
          `EXISTS (SELECT 1 FROM follow_ups f WHERE f.complaint_id = ANY($2::uuid[])
                     AND strpos(coalesce(f.decision_note, ''), m) > 0)`,
          [toValidateMany],
        ),
    });

    // Reference data administration. What is accepted is switched off (withActive)
    // and never a BUMD, so that no other suite meets it in a list or a count.
    const unitState = (code: string) => async () =>
      JSON.stringify(await query(`SELECT * FROM units WHERE code = $1`, [code]));
    const categoryState = (code: string) => async () =>
      JSON.stringify(await query(`SELECT * FROM categories WHERE code = $1`, [code]));
    const unitLeftovers = (markers: string[]) =>
      found(markers, `EXISTS (SELECT 1 FROM units u WHERE strpos(u.name, m) > 0)`);
    const categoryLeftovers = (markers: string[]) =>
      found(markers, `EXISTS (SELECT 1 FROM categories c WHERE strpos(c.name, m) > 0)`);
    const code = (prefix: string) =>
      fc.oneof(
        fc.stringMatching(/^[a-z0-9]{6}$/).map((tail) => `${prefix}-${tail}`),
        fc.constantFrom('31.71.99', 'dinsos', 'UPPER', 'a', 'x'.repeat(60)),
      );
    // Stores nothing: a refusal is checked for its shape, an answer for a token of the unit asked.
    recipes.set('POST /api/v1/console/dev-sign-in', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              role: fc.constantFrom('operator', 'unit', 'diskominfo', 'lurah', 'system'),
              unit: fc.constantFrom('diskominfo', '31.71.01.1001', 'no-such-unit', 'DISKOMINFO'),
              name: marked(120),
              channels: fc.array(fc.constantFrom('sms', 'twitter', 'SMS', ''), { maxLength: 3 }),
            },
            { requiredKeys: ['role', 'unit'] },
          ),
        ),
      ),
      send: sender({ method: 'POST', path: '/api/v1/console/dev-sign-in', headers: {} }),
      accepted: (sent) => {
        if (typeof (sent.body as { token?: unknown }).token !== 'string') {
          throw new Error(`a sign-in without a token:\n${describeSent(sent)}`);
        }
      },
    });
    recipes.set('POST /api/v1/units', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              code: code('fz'),
              name: marked(200),
              type: fc.constantFrom('pd', 'ukpd', 'mitra', 'kelurahan', 'sudin'),
              parent: fc.constantFrom('dinsos', fuzzUnit, 'no-such'),
              regionCode: fc.constantFrom('31.71', '31.71.01', '31.99', '31.71.01.1001'),
            },
            { requiredKeys: ['code', 'name', 'type'] },
          ),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({ method: 'POST', path: '/api/v1/units', headers: auth.admin }),
      leftovers: unitLeftovers,
    });
    recipes.set('PATCH /api/v1/units/:code', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              name: marked(200),
              parent: fc.constantFrom<Json>('dinsos', fuzzUnit, 'no-such', null),
              regionCode: fc.constantFrom<Json>('31.72', '31.99', null),
            },
            { requiredKeys: [] },
          ),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({ method: 'PATCH', path: `/api/v1/units/${fuzzUnit}`, headers: auth.admin }),
      snapshot: unitState(fuzzUnit),
      leftovers: unitLeftovers,
    });
    recipes.set('POST /api/v1/categories', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              code: code('fz'),
              name: marked(160),
              defaultUnit: fc.constantFrom('dinsos', 'no-such', fuzzUnit),
              parent: fc.constantFrom('kartu-bantuan-sosial', fuzzCategory, 'no-such'),
              keywords: fc.constantFrom<Json>(['bansos'], [], ['x'.repeat(50)], 'bansos'),
              requiresPhotoEvidence: fc.boolean(),
            },
            { requiredKeys: ['code', 'name', 'defaultUnit'] },
          ),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({ method: 'POST', path: '/api/v1/categories', headers: auth.admin }),
      leftovers: categoryLeftovers,
    });
    recipes.set('PATCH /api/v1/categories/:code', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              name: marked(160),
              defaultUnit: fc.constantFrom('dinsos', 'no-such'),
              parent: fc.constantFrom<Json>('kartu-bantuan-sosial', fuzzCategory, null),
              sensitive: fc.boolean(),
            },
            { requiredKeys: [] },
          ),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({
        method: 'PATCH',
        path: `/api/v1/categories/${fuzzCategory}`,
        headers: auth.admin,
      }),
      snapshot: categoryState(fuzzCategory),
      leftovers: categoryLeftovers,
    });
    // Media massa's own settings only, or what is refused: other suites use every channel.
    recipes.set('PATCH /api/v1/channels/:code', {
      inputs: inputs(
        mutated(
          fc.record(
            { responsibleUnit: fc.constantFrom('diskominfo', 'no-such', '', 'DISKOMINFO') },
            { requiredKeys: [] },
          ),
        ),
      )
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, true)),
      send: sender({
        method: 'PATCH',
        path: '/api/v1/channels/media-massa',
        headers: auth.admin,
      }),
      snapshot: async () =>
        JSON.stringify(await query(`SELECT * FROM channels WHERE code = 'media-massa'`)),
    });

    const templateLeftovers = (markers: string[]) =>
      found(
        markers,
        `EXISTS (SELECT 1 FROM response_templates t WHERE strpos(t.title || t.text, m) > 0)`,
      );
    const templateBody = fc.record(
      {
        category: fc.constantFrom<Json>('air-bersih-sanitasi', 'no-such', null),
        stage: fc.constantFrom('follow-up', 'validation', 'rejection', 'reply', 'later'),
        title: marked(120),
        text: marked(4_000),
      },
      { requiredKeys: ['stage', 'title', 'text'] },
    );
    recipes.set('POST /api/v1/response-templates', {
      inputs: inputs(mutated(templateBody))
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({ method: 'POST', path: '/api/v1/response-templates', headers: auth.admin }),
      leftovers: templateLeftovers,
    });
    recipes.set('PATCH /api/v1/response-templates/:id', {
      inputs: inputs(mutated(templateBody))
        .filter((input) => input.kind === 'json')
        .map((input) => withActive(input, false)),
      send: sender({
        method: 'PATCH',
        path: `/api/v1/response-templates/${fuzzTemplate}`,
        headers: auth.admin,
      }),
      snapshot: async () =>
        JSON.stringify(
          await query(
            `SELECT title, text, stage, category_code FROM response_templates WHERE id = $1`,
            [fuzzTemplate],
          ),
        ),
      leftovers: templateLeftovers,
    });

    // Uploads: a real image, junk bytes or an executable under any name and declared type, with
    // a damaged form around them. A refused batch leaves the ticket and its attachments as they were.
    const tinyPng = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    const boundary = 'fuzzUploadBoundary0gW';
    const formPart = (name: string, filename: string | null, type: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from('\r\n'),
      ]);
    const uploads: fc.Arbitrary<FuzzInput> = fc
      .tuple(
        fc.constantFrom<Json>('evidence', 'report', 'other', ''),
        fc.oneof(
          fc.constant(tinyPng),
          fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
          fc.constant(Buffer.from('MZ\x90\x00 not an image', 'binary')),
          fc.constant(tinyPng.subarray(0, 40)),
        ),
        fc.constantFrom('foto.jpg', 'surat.pdf', '../../etc/passwd', '<x>.png', null),
        fc.constantFrom('file', 'photo', ''),
        fc.constantFrom('image/png', 'application/pdf', 'application/x-msdownload'),
        fc.boolean(),
      )
      .map(([kind, content, filename, field, type, closed]): FuzzInput => ({
        kind: 'raw',
        contentType: `multipart/form-data; boundary=${boundary}`,
        raw: Buffer.concat([
          formPart('kind', null, 'text/plain', Buffer.from(String(kind))),
          formPart(field, filename, type, content),
          Buffer.from(closed ? `--${boundary}--\r\n` : ''),
        ]),
      }));
    recipes.set('POST /api/v1/complaints/:id/attachments', {
      inputs: fc.oneof(
        { weight: 6, arbitrary: uploads },
        { weight: 1, arbitrary: inputs(mutated(fc.constant({ kind: MARK }))) },
      ),
      send: sender({
        method: 'POST',
        path: `/api/v1/complaints/${toAttach}/attachments`,
        headers: auth.lurah,
      }),
      snapshot: async () =>
        (await ticketState(toAttach)()) +
        JSON.stringify(
          await query(`SELECT count(*) FROM attachments WHERE complaint_id = $1`, [toAttach]),
        ),
    });

    // Publication: regions as fractions of the image, anything else refused. The photo a
    // follow-up awaiting validation names; a refused batch leaves its public copy as it was.
    const toPublish = await gambirTicket().then(async (id) => {
      await step(id, 'accept', 'lurah');
      const uploaded = await api
        .http()
        .post(`/api/v1/complaints/${id}/attachments`)
        .set(auth.lurah!)
        .field('kind', 'evidence')
        .attach('file', tinyPng, { filename: 'sesudah.png', contentType: 'image/png' });
      const photo = (uploaded.body as { id: string }[])[0].id;
      await step(id, 'follow-ups', 'lurah', { note: 'Sudah diperbaiki', attachmentIds: [photo] });
      return { id, photo };
    });
    const fraction = fc.oneof(
      { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Json>(-0.1, 1.5, '0.5', null, 1e308, Number.MAX_SAFE_INTEGER),
      },
    );
    recipes.set('POST /api/v1/attachments/:id/publication', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              redact: fc.array(fc.record({ x: fraction, y: fraction, w: fraction, h: fraction }), {
                maxLength: 22,
              }),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
      send: sender({
        method: 'POST',
        path: `/api/v1/attachments/${toPublish.photo}/publication`,
        headers: auth.diskominfo,
      }),
      snapshot: async () =>
        (await ticketState(toPublish.id)()) +
        JSON.stringify(
          await query(
            `SELECT public_key, redactions, published_at FROM attachments WHERE id = $1`,
            [toPublish.photo],
          ),
        ),
    });
    recipes.set('DELETE /api/v1/attachments/:id/publication', {
      inputs: pathAndBody(
        fc.oneof(
          fc.constant(toPublish.photo),
          fc.uuid(),
          fc.constantFrom('x', '0', "' OR 1=1 --", '../publication'),
          fc.string({ maxLength: 40 }),
        ),
      ),
      send: pathSender('DELETE', (id) => `/api/v1/attachments/${id}/publication`, auth.diskominfo!),
    });

    recipes.set('POST /api/v1/registry/imports', {
      inputs: multipart('file', registryCsv),
      send: sender({ method: 'POST', path: '/api/v1/registry/imports', headers: auth.admin }),
      // Rows carry the marker as their family id: a refused file stores none of them.
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM registry_people r WHERE r.p3ke_family_id = m)`),
    });

    recipes.set('POST /api/v1/pii/reveal', {
      inputs: inputs(
        mutated(
          fc.record({
            subject: fc.constantFrom('complaint', 'registry', 'prelist', 'everything'),
            id: fc.constantFrom(toAccept, prelistId, '1', '00000000-0000-0000-0000-000000000000'),
            field: fc.constantFrom('nik', 'kk', 'phone', 'password'),
            reason: marked(500),
          }),
        ),
      ),
      send: sender({ method: 'POST', path: '/api/v1/pii/reveal', headers: auth.diskominfo }),
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM pii_access_log l WHERE strpos(l.reason, m) > 0)`),
    });

    recipes.set('POST /api/v1/holidays', {
      inputs: inputs(
        mutated(
          fc.record({
            date: fc
              .tuple(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 32 }))
              .map(
                ([m, d]) =>
                  `${HOLIDAY_YEAR}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
              ),
            name: marked(160),
            kind: fc.constantFrom('libur_nasional', 'cuti_bersama', 'libur_daerah'),
            legalBasis: storableText(200).map((t) => `SKB ${t}`),
          }),
        ),
      ).map((input) => keepHolidayHarmless(input)),
      send: sender({ method: 'POST', path: '/api/v1/holidays', headers: auth.admin }),
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM holidays h WHERE strpos(h.name, m) > 0)`),
    });
    recipes.set('DELETE /api/v1/holidays/:date', {
      inputs: pathAndBody(
        fc.oneof(
          fc
            .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
            .map(
              ([m, d]) =>
                `${HOLIDAY_YEAR}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
            ),
          fc.constantFrom(`${HOLIDAY_YEAR}-02-30`, `${HOLIDAY_YEAR}-13-01`, '99999-01-01'),
          fc
            .string({ maxLength: 30 })
            .filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith(`${HOLIDAY_YEAR}`)),
        ),
      ),
      send: pathSender('DELETE', (date) => `/api/v1/holidays/${date}`, auth.admin!),
    });

    recipes.set('PUT /api/v1/sla-rules', {
      inputs: inputs(
        mutated(
          fc.record(
            {
              clock: fc.constantFrom('forward', 'respond', 'resolve', 'validate', 'later'),
              unitType: fc.constantFrom('kelurahan', 'pd', 'bumd', 'mitra'),
              categoryCode: fc.constant(MARK),
              amount: fc.oneof(fc.integer({ min: -1, max: 10_001 }), fc.constant(1.5)),
              measure: fc.constantFrom('hours', 'days', 'working_days', 'weeks'),
              legalBasis: storableText(500).map((t) => `Kepsekda ${t}`),
            },
            { requiredKeys: ['clock', 'unitType', 'amount', 'measure', 'legalBasis'] },
          ),
        ),
      ).map((input) => keepSlaRuleHarmless(input)),
      send: sender({ method: 'PUT', path: '/api/v1/sla-rules', headers: auth.admin }),
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM sla_rules r WHERE r.category_code = m)`),
    });

    const webhookState = async () =>
      JSON.stringify(await query(`SELECT u::text FROM units u WHERE u.code = $1`, [WEBHOOK_UNIT]));
    recipes.set('PUT /api/v1/units/:code/webhook', {
      inputs: inputs(
        mutated(
          fc.record({
            // Nothing listens there: a notice to this unit would fail, never leave the machine.
            url: fc.constantFrom(
              'http://127.0.0.1:9/hook',
              'https://localhost:9/a?b=<c>',
              'ftp://x',
            ),
            secret: fc.string({ minLength: 30, maxLength: 60 }),
          }),
        ),
      ),
      send: sender({
        method: 'PUT',
        path: `/api/v1/units/${WEBHOOK_UNIT}/webhook`,
        headers: auth.admin,
      }),
      snapshot: webhookState,
    });
    recipes.set('DELETE /api/v1/units/:code/webhook', {
      inputs: pathAndBody(
        fc.oneof(
          fc.constantFrom(
            WEBHOOK_UNIT,
            '31.99.99.9999',
            'no-such-unit',
            'X',
            '..',
            '%00',
            '%2e%2e',
          ),
          fc.string({ maxLength: 50 }),
        ),
      ),
      send: pathSender('DELETE', (code) => `/api/v1/units/${code}/webhook`, auth.admin!),
    });

    recipes.set('POST /api/v1/open311/keys', {
      inputs: inputs(
        mutated(
          fc.record({
            channel: fc.constantFrom('lapor-1708', 'sms', 'jaki', 'inspektorat', 'no-such-channel'),
            name: marked(120),
          }),
        ),
      ),
      send: sender({ method: 'POST', path: '/api/v1/open311/keys', headers: auth.admin }),
      leftovers: (markers) =>
        found(markers, `EXISTS (SELECT 1 FROM open311_api_keys k WHERE strpos(k.name, m) > 0)`),
    });
    recipes.set('DELETE /api/v1/open311/keys/:id', {
      inputs: pathAndBody(
        fc.oneof(fc.uuid(), fc.constantFrom('x', '0', "' OR 1=1 --"), fc.string({ maxLength: 40 })),
      ),
      send: pathSender('DELETE', (id) => `/api/v1/open311/keys/${id}`, auth.admin!),
    });

    const open311Body: fc.Arbitrary<Json> = fc
      .record(
        {
          api_key: fc.constant(open311Key),
          service_code: fc.constantFrom('lainnya', 'air-bersih-sanitasi'),
          lat: jakartaPoint.map((p) => p.lat),
          long: jakartaPoint.map((p) => p.lon),
          address_string: storableText(500),
          description: marked(4_000),
          first_name: storableText(100),
          last_name: storableText(100),
          email: fc.constant('siti@example.com'),
          phone: fc.constantFrom('081234567890', '+62 812 1111 2222'),
          media_url: fc.constant('https://example.org/foto.jpg'),
          attribute: fc.constant({}),
        },
        { requiredKeys: ['api_key', 'service_code', 'description'] },
      )
      .map((body) =>
        body.lat === undefined && body.long === undefined && body.address_string === undefined
          ? { ...body, address_string: 'Jl. Medan Merdeka' }
          : body,
      ) as fc.Arbitrary<Json>;
    recipes.set('POST /open311/v2/requests.:format', {
      inputs: fc
        .tuple(
          fc.oneof(
            { weight: 3, arbitrary: inputs(mutated(open311Body, { extra: coordinateDamage })) },
            {
              weight: 1,
              arbitrary: mutated(open311Body, { extra: coordinateDamage }).map(asForm),
            },
          ),
          fc.constantFrom('json', 'json', 'json', 'xml', 'XML', 'yaml', 'json.xml', '%00'),
        )
        .map(([input, format]): FuzzInput => ({ ...input, param: format })),
      send: (input) =>
        send(base, input, {
          method: 'POST',
          path: `/open311/v2/requests.${input.param}?api_key=${encodeURIComponent(open311Key)}`,
          idempotencyKey: true,
        }),
      georeport: true,
      leftovers: intakeLeftovers,
    });
  });

  afterAll(async () => {
    // What the fuzz run may have added to shared reference data: only its own, marked rows.
    await db.query(`DELETE FROM holidays WHERE date >= $1`, [`${HOLIDAY_YEAR}-01-01`]);
    await db.query(`DELETE FROM sla_rules WHERE category_code LIKE 'fz%'`);
    await db.query(`UPDATE units SET webhook_url = NULL, webhook_secret = NULL WHERE code = $1`, [
      WEBHOOK_UNIT,
    ]);
    await api.close();
  });

  it('has a recipe for every write route of the application, and only for those', () => {
    const writes = routesOf(api.app)
      .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(writes).toEqual([...ROUTES].sort());
    expect([...recipes.keys()].sort()).toEqual([...ROUTES].sort());
  });

  it.each(ROUTES)(
    `%s: ${RUNS} generated requests, no 5xx, errors in shape, nothing stored`,
    async (key) => {
      const recipe = recipes.get(key)!;
      let sent = 0;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(recipe.inputs, { minLength: BATCH, maxLength: BATCH }),
          async (batch) => {
            const before = recipe.snapshot ? await recipe.snapshot() : undefined;
            const results = await Promise.all(batch.map((input) => recipe.send(input)));
            sent += results.length;
            for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
            for (const result of results) await checkAnswer(result, recipe);
            const refused = results.filter((result) => result.status >= 400);
            if (recipe.leftovers && refused.length) {
              const left = await recipe.leftovers(refused.map((result) => result.marker));
              if (left.length) {
                const culprit = refused.find((result) => result.marker === left[0])!;
                throw new Error(`stored from a refused request:\n${describeSent(culprit)}`);
              }
            }
            if (before !== undefined && refused.length === results.length) {
              const after = await recipe.snapshot!();
              if (after !== before) {
                throw new Error(
                  `a refused batch changed the target:\n${before}\n→ ${after}\n${results.map(describeSent).join('\n')}`,
                );
              }
            }
          },
        ),
        { seed: SEED, numRuns: Math.ceil(RUNS / BATCH), endOnFailure: !process.env.FUZZ_SHRINK },
      );
      expect(sent).toBeGreaterThanOrEqual(RUNS);
      // The requests reached validation: a fuzz run refused at the door would prove nothing.
      const refusedAtTheDoor = (statuses.get(401) ?? 0) + (statuses.get(403) ?? 0);
      expect(refusedAtTheDoor).toBeLessThan(sent / 4);
      if (process.env.FUZZ_STATS) {
        const counts = [...statuses].sort(([a], [b]) => a - b);
        console.log(`${key} ${JSON.stringify(Object.fromEntries(counts))}`);
      }
    },
  );

  describe('accepted text comes back byte for byte (no escaping, trimming or execution)', () => {
    const TEXT_RUNS = Math.max(100, Math.ceil(RUNS / 10));
    const texts = fc.record({
      description: storableText(4_000),
      name: storableText(200),
      address: storableText(500),
      other: storableText(100),
    });
    const detail = async (id: string) =>
      (await call('GET', `/api/v1/complaints/${id}`, 'diskominfo')).body;

    it('from an operator', async () => {
      await fc.assert(
        fc.asyncProperty(texts, async (t) => {
          const body = {
            channel: 'email',
            details: { fromAddress: 'warga@example.com', subject: t.other },
            reporter: { name: t.name },
            description: t.description,
            address: t.address,
          };
          const res = await call('POST', '/api/v1/complaints', 'operator', body);
          expect(res.status).toBe(201);
          const stored = await detail(res.body.id as string);
          expect(stored.description).toBe(t.description);
          expect((stored.reporter as Answer).name).toBe(t.name);
          expect(stored.address).toBe(t.address);
          expect((stored.channelDetails as Answer).subject).toBe(t.other);
        }),
        { seed: SEED, numRuns: TEXT_RUNS },
      );
    });

    it('from JAKI', async () => {
      await fc.assert(
        fc.asyncProperty(texts, async (t) => {
          const raw = JSON.stringify({
            externalId: `fuzz-text-${nextMarker()}`,
            reporter: { name: t.name },
            description: t.description,
            address: t.address,
            location: { lat: -6.1754, lon: 106.8272 },
          });
          const res = await fetch(`${base}/api/v1/channels/jaki/complaints`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Jaki-Signature': jakiSignature(raw) },
            body: raw,
          });
          expect(res.status).toBe(201);
          const stored = await detail(((await res.json()) as { id: string }).id);
          expect(stored.description).toBe(t.description);
          expect((stored.reporter as Answer).name).toBe(t.name);
          expect(stored.address).toBe(t.address);
        }),
        { seed: SEED, numRuns: TEXT_RUNS },
      );
    });

    it('from an Open311 client, read back over Open311', async () => {
      await fc.assert(
        fc.asyncProperty(texts, fc.boolean(), async (t, asForm) => {
          const fields = {
            api_key: open311Key,
            service_code: 'lainnya',
            description: t.description,
            address_string: t.address,
            // Within Open311's 100 characters each, however the text falls (a slice in code
            // units could split a surrogate pair: found by the 10,000-run fuzz).
            first_name: t.other,
            last_name: 'Uji',
          };
          const res = await fetch(`${base}/open311/v2/requests.json`, {
            method: 'POST',
            headers: {
              'Content-Type': asForm ? 'application/x-www-form-urlencoded' : 'application/json',
            },
            body: asForm ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
          });
          const answer = (await res.json()) as { service_request_id: string }[];
          if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(answer)}`);
          const read = await fetch(
            `${base}/open311/v2/requests/${answer[0].service_request_id}.json?api_key=${encodeURIComponent(open311Key)}`,
          );
          const [request] = (await read.json()) as { description: string; address: string }[];
          expect(request.description).toBe(t.description);
          // A public read names the kelurahan, never the address as entered (often the
          // reporter's home); the ticket keeps that address exactly as sent.
          if (t.address) expect(request.address).not.toBe(t.address);
          const [stored] = await query<{ address: string | null }>(
            `SELECT address FROM complaints WHERE tracking_number = $1`,
            [answer[0].service_request_id],
          );
          expect(stored.address ?? '').toBe(t.address);
        }),
        { seed: SEED, numRuns: TEXT_RUNS },
      );
    });
  });

  describe('regressions found by fuzzing', () => {
    const intake = (body: Json | string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth.operator, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const entry = (description: string): Json => ({
      channel: 'pendopo-balaikota',
      externalId: nextMarker(),
      reporter: { name: 'Warga' },
      description,
    });
    const storedWith = async (externalId: string) =>
      (
        await query<{ n: number }>(
          'SELECT count(*)::int AS n FROM complaints WHERE external_id = $1',
          [externalId],
        )
      )[0].n;

    it('refuses a body nested 10,000 levels deep with 400 (the pipe overflowed the stack: 500)', async () => {
      const deep = `${'{"a":['.repeat(10_000)}1${']}'.repeat(10_000)}`;
      for (const raw of [deep, `{"channel":"pendopo-balaikota","description":${deep}}`]) {
        const res = await intake(raw);
        expect(res.status).toBe(400);
        expectErrorShape(await res.json(), 400, 'VALIDATION_FAILED');
      }
      const jaki = `{"externalId":"${nextMarker()}","reporter":${deep}}`;
      const pushed = await fetch(`${base}/api/v1/channels/jaki/complaints`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Jaki-Signature': jakiSignature(jaki) },
        body: jaki,
      });
      expectErrorShape(await pushed.json(), 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['a NUL character', 'Jalan rusak\\u0000 parah'],
      ['a lone surrogate', 'Jalan rusak \\ud83d parah'],
    ])('refuses text with %s with 400 and stores nothing', async (_what, escaped) => {
      const body = entry('placeholder') as Record<string, Json>;
      const raw = JSON.stringify(body).replace('placeholder', escaped);
      const res = await intake(raw);
      const answer = await res.json();
      expectErrorShape(answer, 400, 'VALIDATION_FAILED');
      expect(answer.details).toEqual([{ field: 'description', problem: expect.any(String) }]);
      expect(await storedWith(body.externalId as string)).toBe(0);
    });

    it('never inflates or parses deep bodies on any write route, whoever calls', async () => {
      const compressed = new Uint8Array(gzipSync(Buffer.from('['.repeat(200_000))));
      const deep = '['.repeat(200_000);
      const routes = routesOf(api.app).filter((route) =>
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method),
      );
      const seen: string[] = [];
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
          name === 'format' ? 'json' : '00000000-0000-4000-8000-000000000000',
        );
        const role = route.rule?.kind === 'roles' ? route.rule.roles[0] : undefined;
        const headers = {
          'Content-Type': 'application/json',
          ...(role ? auth[role === 'unit' ? 'lurah' : (role as Role)] : {}),
          ...(route.signature ? { 'X-Jaki-Signature': jakiSignature(deep) } : {}),
        };
        const gz = await fetch(`${base}${path}`, {
          method: route.method,
          headers: { ...headers, 'Content-Encoding': 'gzip' },
          body: compressed,
        });
        const nested = await fetch(`${base}${path}`, {
          method: route.method,
          headers,
          body: deep,
        });
        await Promise.all([gz.text(), nested.text()]);
        seen.push(`${route.method} ${route.path}: ${gz.status} ${nested.status}`);
        // A route that reads a body refuses both (415, 400); one that reads none never looks.
        if (route.takesBody) {
          expect({ route: route.path, status: gz.status }).toEqual({
            route: route.path,
            status: 415,
          });
          expect({ route: route.path, status: nested.status }).toEqual({
            route: route.path,
            status: 400,
          });
        } else {
          expect(gz.status).toBeLessThan(500);
          expect(nested.status).toBeLessThan(500);
        }
      }
      expect(seen.length).toBe(ROUTES.length);
    });

    it('answers DELETE of a date that is no calendar date (2099-13-01) with 400, not 500', async () => {
      const res = await call('DELETE', `/api/v1/holidays/${HOLIDAY_YEAR}-13-01`, 'admin');
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['Content-Encoding', 'x-unknown'],
      ['Content-Type', 'application/json; charset=latin1'],
    ])('answers Open311 a body with an unsupported %s in GeoReport errors', async (name, value) => {
      const res = await fetch(`${base}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [name]: value },
        body: JSON.stringify({ api_key: open311Key, service_code: 'lainnya', description: 'x' }),
      });
      expect(res.status).toBe(415);
      expectGeoReportErrors(await res.json(), 415);
    });
  });

  async function checkAnswer(sent: Sent, recipe: Recipe): Promise<void> {
    if (sent.status >= 500) throw new Error(`5xx:\n${describeSent(sent)}`);
    if (sent.status >= 400) {
      try {
        if (recipe.georeport && sent.contentType.includes('xml')) {
          expectGeoReportXmlErrors(sent.text, sent.status);
        } else if (recipe.georeport) expectGeoReportErrors(sent.body, sent.status);
        else expectErrorShape(sent.body, sent.status);
      } catch (error) {
        throw new Error(`error not in shape:\n${describeSent(sent)}\n${String(error)}`);
      }
      return;
    }
    await recipe.accepted?.(sent);
  }

  /** An input of the path parameter (URL-encoded) and a body that should not matter. */
  function pathAndBody(param: fc.Arbitrary<string>): fc.Arbitrary<FuzzInput> {
    return fc
      .tuple(param, inputs(mutated(fc.constant({ note: MARK }))))
      .map(([value, input]): FuzzInput => ({ ...input, param: encodeURIComponent(value) }));
  }
  function pathSender(
    method: string,
    path: (param: string) => string,
    headers: Record<string, string>,
  ) {
    return (input: FuzzInput) =>
      send(base, input, { method, path: path(input.param ?? ''), headers });
  }
});

/** GeoReport v2's error list: `[{ code, description }]`, code equal to the HTTP status. */
function expectGeoReportErrors(body: unknown, status: number): void {
  expect(Array.isArray(body)).toBe(true);
  const errors = body as { code: unknown; description: unknown }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(Object.keys(error).sort()).toEqual(['code', 'description']);
    expect(error.code).toBe(status);
    expect(typeof error.description).toBe('string');
  }
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

/** The same list in XML: `<errors><error><code/><description/></error>…</errors>`. */
function expectGeoReportXmlErrors(xml: string, status: number): void {
  const errors = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'error' }).parse(
    xml,
  ) as { errors?: { error?: { code: string; description: string }[] } };
  const list = errors.errors?.error ?? [];
  expect(list.length).toBeGreaterThan(0);
  for (const error of list) {
    expect(Object.keys(error).sort()).toEqual(['code', 'description']);
    expect(error.code).toBe(String(status));
  }
}

/** A flat body as an HTML form would post it (nested objects as `attribute[code]=value`). */
function asForm(body: Json): FuzzInput {
  const params = new URLSearchParams();
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [inner, v] of Object.entries(value))
          params.append(`${key}[${inner}]`, String(v));
      } else params.append(key, value === null ? '' : String(value));
    }
  }
  return { kind: 'raw', contentType: 'application/x-www-form-urlencoded', raw: params.toString() };
}

/** Multipart uploads: the file under the right field, a wrong field, none, or no multipart at all. */
function multipart(field: string, csv: fc.Arbitrary<string>): fc.Arbitrary<FuzzInput> {
  const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
  const part = (name: string, filename: string | null, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          csv,
          fc.constantFrom(field, 'other', ''),
          fc.constantFrom<string | null>('data.csv', null, '../../etc/passwd', '<x>.csv'),
          fc.constantFrom('', part('file', 'second.csv', 'nik\r\n'), part('note', null, 'x')),
          fc.boolean(),
        )
        .map(([content, name, filename, more, closed]): FuzzInput => ({
          kind: 'raw',
          contentType: `multipart/form-data; boundary=${boundary}`,
          raw: part(name, filename, content) + more + (closed ? `--${boundary}--\r\n` : ''),
        })),
    },
    { weight: 1, arbitrary: inputs(mutated(fc.constant({ file: MARK }))) },
  );
}

const FEEDBACK_NIKS = fc.oneof(malformedNik.map(String), fc.constant(VALID_NIKS[0]));
/** The ranking's feedback CSV, with damaged headers, rows and values. */
const feedbackCsv: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'nik,ditetapkan',
      'NIK,DITETAPKAN',
      'nik',
      'ditetapkan,nik',
      '',
      '\ufeffnik,ditetapkan',
    ),
    fc.array(
      fc.tuple(
        FEEDBACK_NIKS,
        fc.constantFrom('ya', 'tidak', 'true', '1', '', '"x,y"', '=cmd|calc'),
      ),
      { maxLength: 20 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, eol]) => [header, ...rows.map((row) => row.join(','))].join(eol));

/** A registry CSV whose rows carry the request's marker as their family id; no row is valid. */
const registryCsv: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'id_keluarga_p3ke,id_individu_p3ke,nik,no_kk,nama,jenis_kelamin,hubungan,kelurahan_code,desil,program_pusat,program_daerah',
      'nik,nama',
      '',
      'id_keluarga_p3ke;id_individu_p3ke;nik',
    ),
    fc.array(
      fc.tuple(malformedNik.map(String), storableText(60), fc.constantFrom('L', 'P', 'X', '')),
      { maxLength: 10 },
    ),
  )
  .map(([header, rows]) =>
    [
      header,
      ...rows.map(([badNik, name, sex], i) =>
        [
          MARK,
          `${MARK}-${i}`,
          badNik,
          '3171010101200001',
          JSON.stringify(name),
          sex,
          'Kepala Keluarga',
          GAMBIR,
          '1',
          '',
          '',
        ].join(','),
      ),
    ].join('\n'),
  );

/** A fuzzed holiday stays in HOLIDAY_YEAR, or is made invalid, so no suite's deadline moves. */
function keepHolidayHarmless(input: FuzzInput): FuzzInput {
  if (input.kind !== 'json') return input;
  const body = input.value as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    if (typeof body.date !== 'string' || !body.date.startsWith(`${HOLIDAY_YEAR}-`)) {
      return { kind: 'json', value: { ...body, kind: 'not-a-kind' } as Json };
    }
  }
  return input;
}

/**
 * A fuzzed export batch only ever names the run's own kelurahan, or is made invalid: one that
 * names none would send every suite's eligible households for ranking. (Raw bodies, which the
 * parsers may read as empty, are left out for this route: every other route fuzzes them.)
 */
/**
 * A JSON object's `active` forced: what a fuzz run creates stays switched off (out of every list),
 * and a channel other suites enter complaints on stays on.
 */
function withActive(input: FuzzInput, active: boolean): FuzzInput {
  if (input.kind !== 'json') return input;
  const body = input.value as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return { kind: 'json', value: { ...body, active } as Json };
  }
  return input;
}

function keepExportHarmless(input: FuzzInput): FuzzInput {
  if (input.kind !== 'json') return input;
  const body = input.value as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body) && body.kelurahan == null) {
    return { kind: 'json', value: { ...body, kelurahan: 'semua' } as Json };
  }
  return input;
}

/** A fuzzed SLA rule only ever applies to the run's own category, or is made invalid. */
function keepSlaRuleHarmless(input: FuzzInput): FuzzInput {
  if (input.kind !== 'json') return input;
  const body = input.value as Record<string, unknown> | null;
  if (body && typeof body === 'object' && !Array.isArray(body) && body.categoryCode !== MARK) {
    return { kind: 'json', value: { ...body, amount: 0 } as Json };
  }
  return input;
}
