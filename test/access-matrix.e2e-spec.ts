import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { EscalateOverdue } from '@crm/lifecycle';
import { ROLES, Role } from '@crm/core';
import { DEFAULT_TEMPLATES } from '@crm/notices';
import { REGISTRY_COLUMNS } from '@crm/registry';
import { AccessFixtures, Headers, Scope, TINY_PNG } from './support/access-fixtures';
import {
  jakiPush,
  jakiSignature,
  postJaki,
  waitForTicket,
  eventually,
} from './support/intake-client';
import { Route, routesOf } from '@crm/core';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';

const GAMBIR = '31.71.01.1001';
const KEBON_SIRIH = '31.71.06.1005';
/**
 * Where re-routed fixtures go: a kelurahan no other suite uses (test/notifications points Kebon
 * Sirih's webhook at its own server and counts what arrives there).
 */
const ELSEWHERE = '31.71.06.1002';
/** A unit's webhook signing key: set by an admin, never shown to anyone. */
const WEBHOOK_SECRET = 'matrix-webhook-secret-0123456789abcdef';
const SCOPES: Scope[] = ['own', 'foreign'];

/** What each channel an Open311 key may be bound to must know of a complaint (intake). */
const CHANNEL_DETAILS: Record<string, Record<string, string> | undefined> = {
  twitter: { handle: '@warga_gambir', postUrl: 'https://twitter.com/warga_gambir/status/1' },
  facebook: { handle: 'Warga Gambir' },
  email: { fromAddress: 'warga@example.com', subject: 'Jalan berlubang' },
  'gubernur-sosmed': { handle: '@warga' },
  sms: { senderNumber: '081298765432' },
  'pendopo-balaikota': undefined,
  'kantor-walikota': { receivingOffice: '31.71' },
  'kantor-camat': { receivingOffice: '31.71.01' },
  'kantor-lurah': { receivingOffice: '31.71.01.1002' },
  'media-massa': { mediaOutlet: 'Kompas', articleUrl: 'https://kompas.example/berita/1' },
  'lapor-1708': { laporTrackingId: 'LAP-1234567' },
};

/**
 * What a caller gets: `ok` a 2xx answer (with the fixture in it, for lists), `hidden` a 2xx
 * answer without the fixture, or the refusal's status (403 outside the role, 404 where
 * existence must not leak).
 */
type Outcome = 'ok' | 'hidden' | 403 | 404;
type Expected = Record<Role, [own: Outcome, foreign: Outcome]>;

/** The roles listed get these outcomes (one for both scopes, or [own, foreign]); all others 403. */
function only(allowed: Partial<Record<Role, Outcome | [Outcome, Outcome]>>): Expected {
  return Object.fromEntries(
    ROLES.map((role) => {
      const outcome = allowed[role] ?? 403;
      return [role, Array.isArray(outcome) ? outcome : [outcome, outcome]];
    }),
  ) as Expected;
}
const EVERYONE = only(Object.fromEntries(ROLES.map((role) => [role, 'ok'])));

type Params = Record<string, string>;

interface Fixtures {
  fx: AccessFixtures;
  /** An SMS ticket the own operator entered, held by the own kelurahan (disposisi). */
  ticket: { id: string; trackingNumber: string; createdAt: string };
  secrets: string[];
  /** An Inspektorat complaint: nobody but the `inspektorat` unit and admins may see it. */
  inspektorat: { id: string; trackingNumber: string };
  inspektoratSecrets: string[];
  entry: { id: string };
  keys: Record<Scope, { id: string; key: string }>;
  /** A request posted with the own key (LAPOR!). */
  open311: { trackingNumber: string };
  slaRule: Record<string, unknown>;
}

interface Call {
  query?: Params;
  body?: object;
  raw?: string;
  headers?: Headers;
  file?: { field: string; content: string | Buffer; name: string; type?: string };
  /** Form fields sent with a file */
  fields?: Params;
}

interface RouteCase {
  expect: Expected;
  /**
   * The path parameters (and whatever else the call needs). Called once for the refused cells,
   * and again for every allowed call of a write, so that each write finds its object in a state
   * that lets it succeed.
   */
  fixture?: (f: Fixtures) => Promise<Params> | Params;
  call?: (p: Params, scope: Scope, f: Fixtures) => Call;
  /** For lists: what tells that the fixture is listed (`ok`) or not (`hidden`). */
  marker?: (p: Params) => string;
}

const form = (body: Params): Call => ({
  raw: new URLSearchParams(body).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});
const ticketId = (f: Fixtures) => ({ id: f.ticket.id });

/** Reading one ticket (its detail or its history): a foreign unit or operator is told nothing. */
const READ_TICKET: RouteCase = {
  expect: only({
    operator: ['ok', 404],
    diskominfo: 'ok',
    unit: ['ok', 404],
    verifier: 404,
    admin: 'ok',
  }),
  fixture: ticketId,
};
const csv = (content: string): Call => ({
  file: { field: 'file', content, name: 'upload.csv' },
});

/**
 * The access matrix: every route of the application (a route missing here fails the suite) ×
 * every role × own/foreign. "Own" is the caller's own unit's object (the kelurahan holding the
 * ticket or the prelist household; the operator who entered the ticket; the Open311 key of the
 * request's channel); "foreign" another kelurahan's staff, another operator, another channel's key.
 */
const MATRIX: Record<string, RouteCase> = {
  // Public: who calls does not matter.
  'GET /health': { expect: EVERYONE },
  // Public to tokens: it takes METRICS_TOKEN (none set here; metrics.e2e-spec sets one).
  'GET /metrics': { expect: EVERYONE },
  'GET /api/v1/complaints/track/:trackingNumber': {
    expect: EVERYONE,
    fixture: (f) => ({ trackingNumber: f.ticket.trackingNumber }),
  },
  'POST /api/v1/channels/jaki/complaints': {
    expect: EVERYONE,
    call: () => {
      const raw = JSON.stringify(jakiPush());
      return {
        raw,
        headers: { 'Content-Type': 'application/json', 'X-Jaki-Signature': jakiSignature(raw) },
      };
    },
  },
  'GET /open311/v2/services.:format': { expect: EVERYONE, fixture: () => ({ format: 'json' }) },
  'GET /open311/v2/services/:service_code.:format': {
    expect: EVERYONE,
    fixture: () => ({ service_code: 'lainnya', format: 'json' }),
  },
  // Open311: the api_key's channel is the scope, whatever the bearer token.
  'GET /open311/v2/requests.:format': {
    expect: only(Object.fromEntries(ROLES.map((role) => [role, ['ok', 'hidden']]))),
    fixture: (f) => ({ format: 'json', trackingNumber: f.open311.trackingNumber }),
    call: (_p, scope, f) => ({ query: { api_key: f.keys[scope].key } }),
    marker: (p) => p.trackingNumber,
  },
  'GET /open311/v2/requests/:service_request_id.:format': {
    expect: only(Object.fromEntries(ROLES.map((role) => [role, ['ok', 404]]))),
    fixture: (f) => ({ service_request_id: f.open311.trackingNumber, format: 'json' }),
    call: (_p, scope, f) => ({ query: { api_key: f.keys[scope].key } }),
  },
  'POST /open311/v2/requests.:format': {
    expect: EVERYONE,
    fixture: (f) => ({ format: 'json', externalId: f.fx.unique('LAPOR') }),
    call: (p, scope, f) =>
      form({
        api_key: f.keys[scope].key,
        service_code: 'lainnya',
        lat: '-6.1754',
        long: '106.8272',
        description: `Lampu jalan mati di depan Monas (${p.externalId})`,
        first_name: 'Siti',
        phone: '081234567890',
        ...(scope === 'own' ? { 'attribute[lapor_tracking_id]': p.externalId } : {}),
      }),
  },

  // Reference data: any role.
  'GET /api/v1/channels': { expect: EVERYONE },
  'GET /api/v1/categories': { expect: EVERYONE },
  'GET /api/v1/units': { expect: EVERYONE },
  'GET /api/v1/units/:code': { expect: EVERYONE, fixture: () => ({ code: GAMBIR }) },
  'GET /api/v1/regions/kota': { expect: EVERYONE },
  'GET /api/v1/regions/kecamatan': { expect: EVERYONE },
  'GET /api/v1/regions/kelurahan': { expect: EVERYONE },
  'GET /api/v1/regions/kelurahan/:code': { expect: EVERYONE, fixture: () => ({ code: GAMBIR }) },
  'GET /api/v1/regions/locate': {
    expect: EVERYONE,
    call: () => ({ query: { lat: '-6.1754', lon: '106.8272' } }),
  },
  'GET /api/v1/regions/match': {
    expect: EVERYONE,
    call: () => ({ query: { address: 'Jl. Kebon Sirih 22, Kel. Kebon Sirih, Jakpus' } }),
  },
  'GET /api/v1/holidays': { expect: EVERYONE },
  'GET /api/v1/sla-rules': { expect: EVERYONE },

  // Administration: admins only.
  'PUT /api/v1/units/:code/webhook': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ code: 'food-station' }),
    call: () => ({
      body: { url: 'http://127.0.0.1:9/matrix', secret: WEBHOOK_SECRET },
    }),
  },
  'DELETE /api/v1/units/:code/webhook': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ code: 'food-station' }),
  },
  'POST /api/v1/holidays': {
    expect: only({ admin: 'ok' }),
    fixture: (f) => ({ date: `2039-0${1 + (Number(f.fx.unique('h').split('-').pop()) % 9)}-15` }),
    call: (p) => ({
      body: { date: p.date, name: 'Libur uji matriks', kind: 'cuti_bersama', legalBasis: 'Uji' },
    }),
  },
  'DELETE /api/v1/holidays/:date': {
    expect: only({ admin: 'ok' }),
    fixture: async (f) => {
      const date = `2038-${String(1 + (Number(f.fx.unique('h').split('-').pop()) % 12)).padStart(2, '0')}-20`;
      await f.fx.api
        .http()
        .post('/api/v1/holidays')
        .set(await f.fx.as('admin'))
        .send({ date, name: 'Libur uji matriks', kind: 'cuti_bersama', legalBasis: 'Uji' });
      return { date };
    },
  },
  'POST /api/v1/open311/keys': {
    expect: only({ admin: 'ok' }),
    call: (_p, _s, f) => ({ body: { channel: 'email', name: f.fx.unique('matrix client') } }),
  },
  'GET /api/v1/open311/keys': { expect: only({ admin: 'ok' }) },
  'DELETE /api/v1/open311/keys/:id': {
    expect: only({ admin: 'ok' }),
    fixture: async (f) => ({ id: (await f.fx.open311Key('email')).id }),
  },
  'PUT /api/v1/sla-rules': {
    expect: only({ admin: 'ok' }),
    call: (_p, _s, f) => ({ body: f.slaRule }),
  },
  'GET /api/v1/pii/access-log': { expect: only({ admin: 'ok' }) },
  'POST /api/v1/registry/imports': {
    expect: only({ admin: 'ok', diskominfo: 'ok' }),
    call: () => csv(`${REGISTRY_COLUMNS.join(',')}\n`),
  },
  'GET /api/v1/notifications': { expect: only({ admin: 'ok', diskominfo: 'ok' }) },
  'GET /api/v1/notice-templates': { expect: only({ admin: 'ok', diskominfo: 'ok' }) },
  // The service's own words again: other suites read the reporter's notices.
  'PUT /api/v1/notice-templates/:kind': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ kind: 'placed' }),
    call: () => ({ body: { text: DEFAULT_TEMPLATES.placed } }),
  },
  // Reference data administration (admins only); codes unique per call, other suites untouched.
  'POST /api/v1/units': {
    expect: only({ admin: 'ok' }),
    fixture: (f) => ({ code: f.fx.unique('upt').toLowerCase() }),
    call: (p) => ({
      body: { code: p.code, name: 'UPT Uji Matriks', type: 'ukpd', parent: 'dinsos' },
    }),
  },
  'PATCH /api/v1/units/:code': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ code: 'food-station' }),
    call: () => ({ body: { active: true } }),
  },
  'POST /api/v1/categories': {
    expect: only({ admin: 'ok' }),
    fixture: (f) => ({ code: f.fx.unique('program').toLowerCase() }),
    call: (p) => ({
      body: {
        code: p.code,
        name: 'Program Uji Matriks',
        defaultUnit: 'dinsos',
        parent: 'kartu-bantuan-sosial',
      },
    }),
  },
  'PATCH /api/v1/categories/:code': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ code: 'lainnya' }),
    call: () => ({ body: { active: true } }),
  },
  'PATCH /api/v1/channels/:code': {
    expect: only({ admin: 'ok' }),
    fixture: () => ({ code: 'sms' }),
    call: () => ({ body: { active: true } }),
  },
  'GET /api/v1/audit': { expect: only({ admin: 'ok' }) },

  // The desk: notes by whoever works on the ticket; category and priority Diskominfo's; the
  // staff member the holding unit's. Admins are reviewers of Inspektorat complaints only.
  'POST /api/v1/complaints/:id/notes': {
    expect: only({ diskominfo: 'ok', unit: ['ok', 404], admin: 'ok' }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { text: 'Catatan internal uji matriks' } }),
  },
  'POST /api/v1/complaints/:id/category': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { category: 'perumahan', reason: 'Soal rumah' } }),
  },
  'POST /api/v1/complaints/:id/priority': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { priority: 'tinggi' } }),
  },
  'POST /api/v1/complaints/:id/assignee': {
    expect: only({ unit: ['ok', 404] }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { sub: 'petugas-uji', name: 'Petugas Uji' } }),
  },
  // One result per item: the request is taken, each item answers for itself.
  'POST /api/v1/validations': {
    expect: only({ diskominfo: 'ok', admin: 'ok' }),
    fixture: (f) => f.fx.awaitingValidation(),
    call: (p) => ({ body: { items: [{ id: p.id, ifMatch: 'W/"1"', decision: 'approve' }] } }),
  },
  'GET /api/v1/complaints.csv': {
    expect: only({ diskominfo: 'ok', unit: ['ok', 'hidden'], admin: 'ok' }),
    fixture: (f) => ({ trackingNumber: f.ticket.trackingNumber }),
    call: (_p, _s, f) => ({
      query: {
        from: f.ticket.createdAt,
        to: new Date(Date.parse(f.ticket.createdAt) + 1).toISOString(),
      },
    }),
    marker: (p) => p.trackingNumber,
  },
  'GET /api/v1/response-templates': {
    expect: only({ operator: 'ok', diskominfo: 'ok', unit: 'ok', admin: 'ok' }),
  },
  'POST /api/v1/response-templates': {
    expect: only({ admin: 'ok' }),
    call: () => ({
      body: { stage: 'reply', title: 'Uji matriks', text: 'Terima kasih.', active: false },
    }),
  },
  'PATCH /api/v1/response-templates/:id': {
    expect: only({ admin: 'ok' }),
    fixture: async (f) => ({ id: await f.fx.responseTemplate() }),
    call: () => ({ body: { active: false } }),
  },
  // Evidence: added by who entered, reviews or holds the ticket; read as the ticket is read.
  'POST /api/v1/complaints/:id/attachments': {
    expect: only({ operator: ['ok', 404], diskominfo: 'ok', unit: ['ok', 404] }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({
      file: { field: 'file', content: TINY_PNG, name: 'foto.png', type: 'image/png' },
      fields: { kind: 'report' },
    }),
  },
  'GET /api/v1/complaints/:id/attachments': READ_TICKET,
  'GET /api/v1/attachments/:id': {
    ...READ_TICKET,
    fixture: async (f) => ({ id: await f.fx.attachment(f.ticket.id) }),
  },
  'GET /api/v1/attachments/:id/thumbnail': {
    ...READ_TICKET,
    fixture: async (f) => ({ id: await f.fx.attachment(f.ticket.id) }),
  },
  // The public copy: Diskominfo's to publish or withdraw; anyone's to see once validated.
  'POST /api/v1/attachments/:id/publication': {
    expect: only({ diskominfo: 'ok' }),
    fixture: async (f) => ({ id: (await f.fx.publishablePhoto()).id }),
    call: () => ({ body: { redact: [{ x: 0.1, y: 0.1, w: 0.3, h: 0.3 }] } }),
  },
  'DELETE /api/v1/attachments/:id/publication': {
    expect: only({ diskominfo: 'ok' }),
    fixture: async (f) => ({ id: (await f.fx.publishedPhoto()).id }),
  },
  'GET /api/v1/complaints/track/:trackingNumber/evidence/:id': {
    expect: EVERYONE,
    fixture: (f) => f.fx.publishedPhoto(),
  },
  'GET /api/v1/complaints/track/:trackingNumber/evidence/:id/thumbnail': {
    expect: EVERYONE,
    fixture: (f) => f.fx.publishedPhoto(),
  },
  'GET /api/v1/complaints/:id/notices': {
    expect: only({ admin: 'ok', diskominfo: 'ok' }),
    fixture: ticketId,
  },
  // Reply tasks belong to a channel's desk: every operator of the channel (both scopes hold sms).
  'GET /api/v1/replies': { expect: only({ operator: 'ok', diskominfo: 'ok', admin: 'ok' }) },
  'POST /api/v1/replies/:id/sent': {
    expect: only({ operator: 'ok', diskominfo: 'ok', admin: 'ok' }),
    fixture: async (f) => ({ id: await f.fx.replyTask(f.ticket.id) }),
  },

  // The console's sign-in page: public (the development sign-in exists outside production only).
  'GET /api/v1/console/config': { expect: EVERYONE },
  'POST /api/v1/console/dev-sign-in': {
    expect: EVERYONE,
    call: () => ({ body: { role: 'unit', unit: '31.71.01.1001' } }),
  },

  // The reporter's link: the token is the credential, whoever else calls.
  'GET /api/v1/reporter/:token': {
    expect: EVERYONE,
    fixture: (f) => ({ token: f.fx.reporterToken(f.ticket.id) }),
  },
  'POST /api/v1/reporter/:token/dispute': {
    expect: EVERYONE,
    fixture: async (f) => ({ token: f.fx.reporterToken((await f.fx.closed()).id) }),
    call: () => ({ body: { reason: 'Saluran tersumbat lagi' } }),
  },
  'POST /api/v1/reporter/:token/rating': {
    expect: EVERYONE,
    fixture: async (f) => ({ token: f.fx.reporterToken((await f.fx.closed()).id) }),
    call: () => ({ body: { score: 4 } }),
  },

  // Dashboard: aggregates for the dashboard role, Diskominfo and admins; a unit reads its own
  // (its area, or the tickets it holds: test/region-scope).
  'GET /api/v1/dashboard/summary': {
    expect: only({ dashboard: 'ok', diskominfo: 'ok', admin: 'ok', unit: 'ok' }),
  },
  'GET /api/v1/dashboard/prelist': {
    expect: only({ dashboard: 'ok', diskominfo: 'ok', admin: 'ok' }),
  },
  'GET /api/v1/dashboard/regions': {
    expect: only({ dashboard: 'ok', diskominfo: 'ok', admin: 'ok', unit: 'ok' }),
    call: () => ({ query: { level: 'kelurahan' } }),
  },
  'GET /api/v1/dashboard/quarterly': {
    expect: only({ dashboard: 'ok', diskominfo: 'ok', admin: 'ok' }),
    call: () => ({ query: { year: '2026', quarter: '4' } }),
  },
  'GET /api/v1/dashboard/quarterly.csv': {
    expect: only({ dashboard: 'ok', diskominfo: 'ok', admin: 'ok' }),
    call: () => ({ query: { year: '2026', quarter: '4' } }),
  },

  // Intake by operators.
  'POST /api/v1/complaints': {
    expect: only({ operator: 'ok' }),
    call: (_p, _s, f) => ({
      body: {
        channel: 'sms',
        externalId: f.fx.unique('sms'),
        details: { senderNumber: '081298765432' },
        reporter: { name: 'Budi Santoso', phone: '081298765432' },
        description: 'Jalan berlubang di depan sekolah',
        kelurahanCode: GAMBIR,
        assignTo: GAMBIR,
      },
    }),
  },

  // Reading tickets: scoped, 404 outside the scope (existence must not leak).
  'GET /api/v1/complaints': {
    expect: only({
      operator: ['ok', 'hidden'],
      diskominfo: 'ok',
      unit: ['ok', 'hidden'],
      verifier: 'hidden',
      admin: 'ok',
    }),
    fixture: (f) => ({ id: f.ticket.id }),
    call: (_p, _s, f) => ({
      query: {
        from: f.ticket.createdAt,
        to: new Date(Date.parse(f.ticket.createdAt) + 1).toISOString(),
      },
    }),
    marker: (p) => p.id,
  },
  'GET /api/v1/complaints/:id': READ_TICKET,
  'GET /api/v1/complaints/:id/history': READ_TICKET,

  // Handling: Diskominfo reviews, the holding unit handles; a foreign unit is told nothing exists.
  // Admins act as reviewers on Inspektorat complaints only (tested below), so 403 here.
  'POST /api/v1/complaints/:id/dispositions': {
    expect: only({ diskominfo: 'ok', unit: ['ok', 404] }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { toUnit: ELSEWHERE, reason: 'wrong-area', note: 'Di luar wilayah' } }),
  },
  'POST /api/v1/complaints/:id/accept': {
    expect: only({ unit: ['ok', 404] }),
    fixture: (f) => f.fx.ticket(),
  },
  'POST /api/v1/complaints/:id/follow-ups': {
    expect: only({ unit: ['ok', 404] }),
    fixture: (f) => f.fx.inProcess(),
    call: () => ({ body: { note: 'Saluran dibersihkan bersama PPSU' } }),
  },
  'POST /api/v1/complaints/:id/validation': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.awaitingValidation(),
    call: () => ({ body: { decision: 'approve', note: 'Sesuai foto bukti' } }),
  },
  'POST /api/v1/complaints/:id/reject': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.ticket(),
    call: () => ({ body: { reason: 'Bukan pengaduan (spam)' } }),
  },
  'POST /api/v1/complaints/:id/reopen': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.closed(),
    call: () => ({ body: { reason: 'Pelapor menyatakan saluran masih tersumbat' } }),
  },

  // Not yet in the database.
  'POST /api/v1/complaints/:id/registry-check': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.ticket(),
    call: (_p, _s, f) => ({ body: { nik: f.secrets[3] } }),
  },
  'POST /api/v1/complaints/:id/application': {
    expect: only({ diskominfo: 'ok', operator: ['ok', 404] }),
    fixture: (f) => f.fx.notRegistered(),
    call: (p, _s, f) => ({ body: f.fx.applicationForm(p.nik) }),
  },
  'POST /api/v1/complaints/:id/triage': {
    expect: only({ diskominfo: 'ok' }),
    fixture: (f) => f.fx.withApplication(),
    call: () => ({ body: { emergency: false, reason: 'Masuk prelist untuk verifikasi' } }),
  },
  'GET /api/v1/prelist': {
    expect: only({ diskominfo: 'ok', verifier: 'ok', unit: ['ok', 'hidden'] }),
    fixture: (f) => ({ entry: f.entry.id }),
    call: () => ({ query: { limit: '200', kelurahan: GAMBIR } }),
    marker: (p) => p.entry,
  },
  // One kelurahan's exports (where no suite has households): an unfiltered read would carry the
  // full NIKs of this suite's own eligible households, which the matrix looks for in every answer,
  // and an unfiltered batch would send every eligible household of the database, other suites'.
  'GET /api/v1/prelist/export.csv': {
    expect: only({ diskominfo: 'ok' }),
    call: () => ({ query: { kelurahan: ELSEWHERE } }),
  },
  'POST /api/v1/prelist/exports': {
    expect: only({ diskominfo: 'ok' }),
    call: () => ({ body: { kelurahan: ELSEWHERE } }),
  },
  'GET /api/v1/prelist/exports': { expect: only({ diskominfo: 'ok' }) },
  'GET /api/v1/prelist/exports/:id.csv': {
    expect: only({ diskominfo: 'ok' }),
    fixture: async (f) => {
      const batch = await f.fx.api
        .http()
        .post('/api/v1/prelist/exports')
        .set(await f.fx.as('diskominfo'))
        .send({ kelurahan: ELSEWHERE });
      if (batch.status !== 201) throw new Error(`Export batch: ${batch.status} ${batch.text}`);
      return { id: batch.body.id as string };
    },
  },
  'POST /api/v1/prelist/feedback': {
    expect: only({ diskominfo: 'ok' }),
    call: () => csv('nik,ditetapkan\n'),
  },
  // The Musyawarah adds a household of its own kelurahan: another kelurahan's staff are refused.
  'POST /api/v1/prelist': {
    expect: only({ diskominfo: 'ok', unit: ['ok', 403] }),
    fixture: (f) => {
      const household = f.fx.applicationForm(f.fx.reporter().nik);
      delete household.conditions; // a complaint's; the Musyawarah's households have none
      return { household: JSON.stringify(household) };
    },
    call: (p) => ({
      body: { ...JSON.parse(p.household), note: 'Musyawarah: peserta baru' },
    }),
  },
  'POST /api/v1/prelist/:id/verifications': {
    expect: only({ verifier: 'ok' }),
    fixture: (f) => ({ id: f.entry.id }),
    call: () => ({ body: { result: 'ditemukan', note: 'Dikunjungi petugas' } }),
  },
  'POST /api/v1/prelist/:id/muskel': {
    expect: only({ diskominfo: 'ok', unit: ['ok', 404] }),
    fixture: (f) => f.fx.verifiedEntry(),
    call: () => ({ body: { eligible: true, note: 'Musyawarah: layak' } }),
  },
  // Verifiers reveal prelist households under verification only (see the prelist reveal below).
  'POST /api/v1/pii/reveal': {
    expect: only({ diskominfo: 'ok' }),
    fixture: ticketId,
    call: (p) => ({
      body: { subject: 'complaint', id: p.id, field: 'phone', reason: 'Menghubungi pelapor' },
    }),
  },
};

const keyOf = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

describe('access matrix', () => {
  let api: TestApi;
  let routes: Route[];
  let f: Fixtures;

  beforeAll(async () => {
    api = await startTestApi();
    routes = routesOf(api.app);
    const fx = new AccessFixtures(api, GAMBIR, KEBON_SIRIH);
    const reporter = fx.reporter();
    const ticket = await fx.ticket(GAMBIR, { reporter });
    const created = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await fx.as('admin'));
    const inspektoratReporter = fx.reporter();
    const inspektoratDescription = `Pungutan liar oleh petugas (${fx.unique('insp')})`;
    const inspektorat = await fx.ticket(GAMBIR, {
      channel: 'inspektorat',
      reporter: inspektoratReporter,
      description: inspektoratDescription,
    });
    const keys = { own: await fx.open311Key('lapor-1708'), foreign: await fx.open311Key('sms') };
    const posted = await api
      .http()
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        api_key: keys.own.key,
        service_code: 'lainnya',
        lat: '-6.1754',
        long: '106.8272',
        description: 'Trotoar rusak di depan Monas',
        first_name: 'Siti',
        'attribute[lapor_tracking_id]': fx.unique('LAPOR'),
      });
    expect(posted.status).toBe(201);
    const rules = await api
      .http()
      .get('/api/v1/sla-rules')
      .set(await fx.as('admin'));
    f = {
      fx,
      ticket: { ...ticket, createdAt: created.body.createdAt as string },
      secrets: [reporter.name, reporter.phone, reporter.email, reporter.nik],
      inspektorat,
      inspektoratSecrets: [
        inspektorat.id,
        inspektorat.trackingNumber,
        inspektoratDescription,
        inspektoratReporter.name,
      ],
      entry: await fx.prelistEntry(),
      keys,
      open311: { trackingNumber: posted.body[0].service_request_id as string },
      slaRule: rules.body.data[0] as Record<string, unknown>,
    };
  });
  afterAll(async () => {
    const admin = await f.fx.as('admin');
    await api.http().delete('/api/v1/units/food-station/webhook').set(admin);
    for (let month = 1; month <= 9; month++)
      await api.http().delete(`/api/v1/holidays/2039-0${month}-15`).set(admin);
    await api.close();
  });

  it('has an entry for every route of the application, and none for a route that is gone', () => {
    const listed = routes.map(keyOf).sort();
    expect(listed.filter((key) => !MATRIX[key])).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !listed.includes(key))).toEqual([]);
  });

  it('expects 403 for every role a route does not declare', () => {
    for (const route of routes) {
      const expected = MATRIX[keyOf(route)]?.expect;
      if (!expected || route.rule?.kind !== 'roles') continue;
      for (const role of ROLES) {
        const declared = route.rule.roles.includes(role);
        const refusedAlways = expected[role].every((outcome) => outcome === 403);
        // A declared role may still be refused by the service (e.g. admins on ordinary tickets).
        if (!declared)
          expect({ route: keyOf(route), role, refusedAlways }).toMatchObject({
            refusedAlways: true,
          });
      }
    }
  });

  async function perform(
    route: Route,
    routeCase: RouteCase,
    params: Params,
    role: Role,
    scope: Scope,
  ) {
    const call = routeCase.call?.(params, scope, f) ?? {};
    const url = route.path.replace(/:(\w+)/g, (_, name: string) => {
      if (params[name] === undefined) throw new Error(`${keyOf(route)}: no value for :${name}`);
      return encodeURIComponent(params[name]);
    });
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const http = api.http();
    let req = http[method](url)
      .set(await f.fx.as(role, scope))
      .set(call.headers ?? {});
    if (call.query) req = req.query(call.query);
    if (call.file) {
      for (const [name, value] of Object.entries(call.fields ?? {})) req = req.field(name, value);
      req = req.attach(call.file.field, Buffer.from(call.file.content), {
        filename: call.file.name,
        contentType: call.file.type ?? 'text/csv',
      });
    } else if (call.raw !== undefined) req = req.send(call.raw);
    else if (call.body) req = req.send(call.body);
    return req;
  }

  it('gives every role, for its own and a foreign object, the expected answer on every route', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const routeCase = MATRIX[keyOf(route)];
      if (!routeCase) continue;
      const shared = (await routeCase.fixture?.(f)) ?? {};
      for (const role of ROLES) {
        for (const [i, scope] of SCOPES.entries()) {
          const expected = routeCase.expect[role][i];
          const write = route.method !== 'GET';
          const params =
            write && expected === 'ok' ? ((await routeCase.fixture?.(f)) ?? {}) : shared;
          const res = await perform(route, routeCase, params, role, scope);
          cells++;
          const text = res.text ?? '';
          const marker = routeCase.marker?.(params);
          const actual: Outcome | number =
            res.status >= 200 && res.status < 300
              ? marker && !text.includes(marker)
                ? 'hidden'
                : 'ok'
              : res.status;
          const cell = `${keyOf(route)} as ${role} (${scope})`;
          if (actual !== expected) {
            failures.push(`${cell}: expected ${expected}, got ${actual} ${text.slice(0, 200)}`);
          }
          if (actual === expected && typeof expected === 'number' && route.path.startsWith('/api/'))
            expectErrorShape(res.body, expected);
          if (role !== 'admin') {
            for (const secret of f.inspektoratSecrets)
              if (text.includes(secret)) failures.push(`${cell}: shows the Inspektorat complaint`);
          }
          // A full NIK leaves only through the audited reveal and the Matriks 3 export; contact
          // details only to the roles that work with the reporter (docs/api.md, "Operators see
          // personal data masked too").
          // Every reporter the fixtures made, and every household member of their forms.
          const contactsHidden = ['operator', 'verifier', 'dashboard'].includes(role);
          const hidden = [
            ...f.fx.reporters.flatMap(({ name, phone, email, nik }) =>
              contactsHidden ? [name, phone, email, nik] : [nik],
            ),
            ...f.fx.formNiks,
          ];
          for (const secret of hidden)
            if (text.includes(secret)) failures.push(`${cell}: shows personal data (${secret})`);
          if (text.includes(WEBHOOK_SECRET)) failures.push(`${cell}: shows a webhook secret`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(routes.length * ROLES.length * SCOPES.length);
    // Thousands of requests, one per cell; the time grows with the routes and the machine's load.
  }, 300_000);

  it('lets a unit that once held a ticket, or had it escalated to it, read but not act; others get 404', async () => {
    const { id } = await f.fx.ticket(GAMBIR);
    const moved = await api
      .http()
      .post(`/api/v1/complaints/${id}/dispositions`)
      .set(await f.fx.as('unit', 'own'))
      .send({ toUnit: ELSEWHERE, reason: 'wrong-area', note: 'Lokasi di kelurahan lain' });
    expect(moved.status).toBe(200);
    const db = api.app.get(DataSource);
    const [{ due_at: dueAt }]: { due_at: Date }[] = await db.query(
      `SELECT due_at FROM complaints WHERE id = $1`,
      [id],
    );
    await api.app.get(EscalateOverdue).escalateIfDue(id, new Date(dueAt.getTime() + 3_600_000));
    const cases: [string, string, number, number][] = [
      // unit, who it is, read, act (accept)
      [GAMBIR, 'held it before', 200, 403],
      [ELSEWHERE, 'holds it', 200, 200],
      [ELSEWHERE.slice(0, 8), 'the kecamatan it escalated to', 200, 403],
      [GAMBIR.slice(0, 8), 'the kecamatan of the former holder', 404, 404],
      ['31.71.06.1001', 'a neighbour of the holder', 404, 404],
    ];
    for (const [unit, who, read, act] of cases) {
      const headers = await f.fx.as('unit', 'own', unit);
      const detail = await api.http().get(`/api/v1/complaints/${id}`).set(headers);
      const listed = await api
        .http()
        .get('/api/v1/complaints')
        .query({ limit: 200, kelurahan: ELSEWHERE })
        .set(headers);
      const accept = await api.http().post(`/api/v1/complaints/${id}/accept`).set(headers);
      expect({
        who,
        read: detail.status,
        listed: listed.text.includes(id),
        act: accept.status,
      }).toEqual({
        who,
        read,
        listed: read === 200,
        act,
      });
    }
  });

  it('lets each role reveal, subject by subject, only what its work needs', async () => {
    const reason = 'Pemeriksaan matriks akses';
    const { fx } = f;
    const callers: [string, Headers][] = [
      ['diskominfo', await fx.as('diskominfo')],
      ['verifier dinsos', await fx.as('verifier', 'own', 'dinsos')],
      ['verifier dppapp', await fx.as('verifier', 'foreign', 'dppapp')],
      ['verifier dishub', await fx.as('verifier', 'own', 'dishub')],
      ['unit', await fx.as('unit', 'own')],
      ['operator', await fx.as('operator', 'own')],
      ['admin', await fx.as('admin')],
      ['dashboard', await fx.as('dashboard')],
    ];
    const subjects: [string, object][] = [
      ['complaint', { subject: 'complaint', id: f.ticket.id, field: 'phone' }],
      ['registry by ticket', { subject: 'registry', id: f.ticket.id, field: 'kk' }],
      ['registry by row id', { subject: 'registry', id: '1', field: 'kk' }],
      ['prelist under verification', { subject: 'prelist', id: f.entry.id, field: 'nik' }],
    ];
    const expected: Record<string, number[]> = {
      // complaint, registry by ticket (its check found nobody), registry by row id, prelist
      diskominfo: [200, 404, 400, 200],
      'verifier dinsos': [403, 403, 403, 200],
      'verifier dppapp': [403, 403, 403, 200],
      'verifier dishub': [403, 403, 403, 403],
      unit: [403, 403, 403, 403],
      operator: [403, 403, 403, 403],
      admin: [403, 403, 403, 403],
      dashboard: [403, 403, 403, 403],
    };
    const seen: Record<string, number[]> = {};
    for (const [who, headers] of callers) {
      seen[who] = [];
      for (const [, body] of subjects) {
        const res = await api
          .http()
          .post('/api/v1/pii/reveal')
          .set(headers)
          .send({ ...body, reason });
        seen[who].push(res.status);
      }
    }
    expect(seen).toEqual(expected);
  });

  describe('Inspektorat complaints', () => {
    const inspektoratUnit = async () => f.fx.as('unit', 'own', 'inspektorat');
    const callers = async (): Promise<[string, Headers, boolean][]> => [
      ...(await Promise.all(
        ROLES.flatMap((role) =>
          SCOPES.map(async (scope): Promise<[string, Headers, boolean]> => [
            `${role} (${scope})`,
            await f.fx.as(role, scope),
            role === 'admin',
          ]),
        ),
      )),
      ['unit diskominfo', await f.fx.as('unit', 'own', 'diskominfo'), false],
      ['unit dinsos', await f.fx.as('unit', 'own', 'dinsos'), false],
      ['unit inspektorat', await inspektoratUnit(), true],
    ];

    /**
     * Whether `id` is on any page of a list (other suites add tickets meanwhile, so the first
     * page of an unfiltered list proves nothing).
     */
    async function listedAnywhere(
      path: string,
      query: object,
      headers: Record<string, string>,
      id: string,
    ): Promise<boolean> {
      for (let page = 1; page <= 100; page++) {
        const res = await api
          .http()
          .get(path)
          .query({ ...query, limit: 200, page })
          .set(headers);
        // Refused outright (the role may not list) is not listed; anything else is a failure.
        if (res.status === 403) return false;
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 200)}`);
        if (res.text.includes(id)) return true;
        if ((res.body as { data: unknown[] }).data.length < 200) return false;
      }
      throw new Error(`${path} has more than 100 pages`);
    }

    it('are listed and shown to the inspektorat unit and admins only', async () => {
      const { id } = f.inspektorat;
      for (const [who, headers, entitled] of await callers()) {
        for (const query of [{ channel: 'inspektorat' }, { unit: 'inspektorat' }, {}]) {
          const listed = await listedAnywhere('/api/v1/complaints', query, headers, id);
          expect({ who, query, listed }).toEqual({ who, query, listed: entitled });
        }
        for (const path of [`/api/v1/complaints/${id}`, `/api/v1/complaints/${id}/history`]) {
          const res = await api.http().get(path).set(headers);
          const expected = entitled ? 200 : who.startsWith('dashboard') ? 403 : 404;
          expect({ who, path, status: res.status }).toEqual({ who, path, status: expected });
        }
      }
    });

    it('cannot be acted on, revealed or checked by Diskominfo, which is told nothing exists', async () => {
      const diskominfo = await f.fx.as('diskominfo');
      const { id } = f.inspektorat;
      const attempts: [string, object][] = [
        ['dispositions', { toUnit: 'inspektorat', reason: 'review' }],
        ['reject', { reason: 'Bukan pengaduan' }],
        ['registry-check', { nik: f.secrets[3] }],
      ];
      for (const [path, body] of attempts) {
        const res = await api
          .http()
          .post(`/api/v1/complaints/${id}/${path}`)
          .set(diskominfo)
          .send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const reveal = await api
        .http()
        .post('/api/v1/pii/reveal')
        .set(diskominfo)
        .send({ subject: 'complaint', id, field: 'phone', reason: 'Menghubungi pelapor' });
      expect(reveal.status).toBe(404);
      // The Inspektorat itself handles it.
      const accepted = await api
        .http()
        .post(`/api/v1/complaints/${id}/accept`)
        .set(await inspektoratUnit());
      expect(accepted.status).toBe(200);
    });

    it('do not appear in Diskominfo’s notification list', async () => {
      const db = api.app.get(DataSource);
      const rows: { n: number }[] = await eventually(
        () =>
          db.query(`SELECT count(*)::int AS n FROM notifications WHERE complaint_id = $1`, [
            f.inspektorat.id,
          ]),
        (found: { n: number }[]) => found[0].n > 0,
      );
      expect(rows[0].n).toBeGreaterThan(0);
      for (let page = 1; ; page++) {
        const res = await api
          .http()
          .get('/api/v1/notifications')
          .query({ limit: 200, page })
          .set(await f.fx.as('diskominfo'));
        expect(res.status).toBe(200);
        expect({ page, shows: res.text.includes(f.inspektorat.id) }).toEqual({
          page,
          shows: false,
        });
        if (res.body.data.length < 200) break;
      }
      const admin = await f.fx.as('admin');
      expect(await listedAnywhere('/api/v1/notifications', {}, admin, f.inspektorat.id)).toBe(true);
    });

    it('stay with the Inspektorat when overdue: no escalation notice to Diskominfo', async () => {
      const fx = f.fx;
      const { id } = await fx.ticket(GAMBIR, { channel: 'inspektorat' });
      const db = api.app.get(DataSource);
      const [{ due_at: dueAt }]: { due_at: Date }[] = await db.query(
        `SELECT due_at FROM complaints WHERE id = $1`,
        [id],
      );
      expect(dueAt).not.toBeNull();
      const watch = api.app.get(EscalateOverdue);
      expect(await watch.escalateIfDue(id, new Date(dueAt.getTime() + 3_600_000))).toBe(true);
      const [ticket]: { escalated_to_unit_code: string; overdue: boolean }[] = await db.query(
        `SELECT escalated_to_unit_code, overdue FROM complaints WHERE id = $1`,
        [id],
      );
      expect(ticket).toEqual({ escalated_to_unit_code: 'inspektorat', overdue: true });
      const told: { unit: string }[] = await eventually(
        () =>
          db.query(
            `SELECT recipient_unit_code AS unit FROM notifications
              WHERE complaint_id = $1 AND kind = 'escalation'`,
            [id],
          ),
        (rows: unknown[]) => rows.length > 0,
      );
      expect(told).toEqual([{ unit: 'inspektorat' }]);
    });

    it('never reach Open311: no key for the channel, and no other key lists them', async () => {
      const refused = await api
        .http()
        .post('/api/v1/open311/keys')
        .set(await f.fx.as('admin'))
        .send({ channel: 'inspektorat', name: 'Should not exist' });
      expect(refused.status).toBe(400);
      for (const scope of SCOPES) {
        const res = await api
          .http()
          .get('/open311/v2/requests.json')
          .query({ api_key: f.keys[scope].key, service_request_id: f.inspektorat.trackingNumber });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      }
    });

    it('are counted on the dashboard without content, and tracked without place or topic', async () => {
      const summary = await api
        .http()
        .get('/api/v1/dashboard/summary')
        .set('Cache-Control', 'no-cache')
        .set(await f.fx.as('dashboard'));
      expect(summary.body.byChannel.inspektorat).toBeGreaterThanOrEqual(1);
      const track = await api
        .http()
        .get(`/api/v1/complaints/track/${f.inspektorat.trackingNumber}`);
      expect(track.body).toMatchObject({ category: null, kelurahan: null });
    });
  });

  describe('kelurahan staff never see each other’s tickets', () => {
    /** One JAKI push per kelurahan, at a point inside it, routed to its office. */
    const tickets = new Map<string, { id: string; trackingNumber: string; createdAt: string }>();
    async function ticketIn(code: string) {
      const known = tickets.get(code);
      if (known) return known;
      const res = await postJaki(
        api,
        jakiPush({ location: await f.fx.pointIn(code), reporter: f.fx.reporter() }),
      );
      expect(res.status).toBe(201);
      const routed = await waitForTicket(api, res.body.id as string, (t) => t.routedAt !== null);
      expect({ code, assignedTo: (routed.assignedUnit as { code: string }).code }).toEqual({
        code,
        assignedTo: code,
      });
      const ticket = {
        id: routed.id as string,
        trackingNumber: routed.trackingNumber as string,
        createdAt: routed.createdAt as string,
      };
      tickets.set(code, ticket);
      return ticket;
    }

    it('in lists with any filters, details, history, actions or exports (random pairs)', async () => {
      const admin = await f.fx.as('admin');
      const regions = await api.http().get('/api/v1/regions/kelurahan').set(admin);
      const all = (regions.body.data as { code: string }[]).map((k) => k.code);
      expect(all).toHaveLength(267);
      // Not Kebon Sirih, whose notices test/notifications receives and counts.
      const codes = all.filter((code) => code !== KEBON_SIRIH);
      const filterNames = ['kelurahan', 'kecamatan', 'kota', 'unit', 'status', 'channel'] as const;
      const pair = fc
        .tuple(fc.constantFrom(...codes), fc.constantFrom(...codes))
        .filter(([a, b]) => a !== b);
      await fc.assert(
        fc.asyncProperty(pair, fc.subarray([...filterNames]), async ([a, b], chosen) => {
          const ticket = await ticketIn(a);
          const values: Record<(typeof filterNames)[number], string> = {
            kelurahan: a,
            kecamatan: a.slice(0, 8),
            kota: a.slice(0, 5),
            unit: a,
            status: 'disposisi',
            channel: 'jaki',
          };
          // Every filter matches the ticket, within a window around its creation.
          const query: Params = {
            ...Object.fromEntries(chosen.map((name) => [name, values[name]])),
            from: ticket.createdAt,
            to: new Date(Date.parse(ticket.createdAt) + 1).toISOString(),
          };
          const own = await f.fx.as('unit', 'own', a);
          const other = await f.fx.as('unit', 'own', b);
          const list = (headers: Headers, q: Params) =>
            api.http().get('/api/v1/complaints').query(q).set(headers);
          // The filters find it for its own kelurahan and for an admin…
          for (const headers of [own, admin]) {
            expect((await list(headers, query)).text.includes(ticket.id)).toBe(true);
          }
          // …and never for another kelurahan's staff, filtered or not.
          for (const q of [query, { limit: '200' }, { kelurahan: a, limit: '200' }]) {
            const res = await list(other, q);
            expect(res.status).toBe(200);
            expect({ a, b, q, shows: res.text.includes(ticket.id) }).toEqual({
              a,
              b,
              q,
              shows: false,
            });
          }
          for (const path of ['', '/history']) {
            const res = await api.http().get(`/api/v1/complaints/${ticket.id}${path}`).set(other);
            expect({ a, b, path, status: res.status }).toEqual({ a, b, path, status: 404 });
          }
          const accept = await api.http().post(`/api/v1/complaints/${ticket.id}/accept`).set(other);
          expect({ a, b, accept: accept.status }).toEqual({ a, b, accept: 404 });
          for (const path of [
            '/api/v1/prelist/export.csv',
            '/api/v1/prelist/exports',
            '/api/v1/dashboard/quarterly.csv',
          ]) {
            const res = await api.http().get(path).query({ year: 2026, quarter: 4 }).set(other);
            expect({ path, status: res.status }).toEqual({ path, status: 403 });
          }
          expect((await api.http().get(`/api/v1/complaints/${ticket.id}`).set(own)).status).toBe(
            200,
          );
        }),
        { seed: 20261123, numRuns: 25 },
      );
    });

    it('an Open311 key never sees another channel’s requests (random pairs of channels)', async () => {
      const keys = new Map<string, string>();
      const entered = new Map<string, string>();
      const keyOf = async (channel: string) => {
        if (!keys.has(channel)) keys.set(channel, (await f.fx.open311Key(channel)).key);
        return keys.get(channel)!;
      };
      const ticketOn = async (channel: string) => {
        if (!entered.has(channel)) {
          const res = await api
            .http()
            .post('/api/v1/complaints')
            .set(await f.fx.as('operator', 'own', undefined, [channel]))
            .send({
              channel,
              externalId: f.fx.unique(channel),
              ...(CHANNEL_DETAILS[channel] ? { details: CHANNEL_DETAILS[channel] } : {}),
              reporter: { name: 'Budi Santoso', phone: '081298765432' },
              description: `Jalan berlubang (${f.fx.unique('open311')})`,
              category: 'transportasi',
              kelurahanCode: GAMBIR,
              assignTo: GAMBIR,
            });
          expect({ channel, status: res.status }).toEqual({ channel, status: 201 });
          entered.set(channel, res.body.trackingNumber as string);
        }
        return entered.get(channel)!;
      };
      const channels = Object.keys(CHANNEL_DETAILS);
      const pair = fc
        .tuple(fc.constantFrom(...channels), fc.constantFrom(...channels))
        .filter(([x, y]) => x !== y);
      await fc.assert(
        fc.asyncProperty(pair, async ([x, y]) => {
          const tracking = await ticketOn(x);
          const mine = await api
            .http()
            .get(`/open311/v2/requests/${tracking}.json`)
            .query({ api_key: await keyOf(x) });
          expect({ x, status: mine.status }).toEqual({ x, status: 200 });
          const theirs = await api
            .http()
            .get(`/open311/v2/requests/${tracking}.json`)
            .query({ api_key: await keyOf(y) });
          expect({ x, y, status: theirs.status }).toEqual({ x, y, status: 404 });
          for (const query of [{ service_request_id: tracking }, {}]) {
            const res = await api
              .http()
              .get('/open311/v2/requests.json')
              .query({ ...query, api_key: await keyOf(y) });
            expect(res.status).toBe(200);
            expect({ x, y, query, shows: res.text.includes(tracking) }).toEqual({
              x,
              y,
              query,
              shows: false,
            });
          }
        }),
        { seed: 20261123, numRuns: 20 },
      );
      // A revoked key reads nothing at all.
      const revoked = await f.fx.open311Key('sms');
      await api
        .http()
        .delete(`/api/v1/open311/keys/${revoked.id}`)
        .set(await f.fx.as('admin'))
        .expect(200);
      const refused = await api
        .http()
        .get('/open311/v2/requests.json')
        .query({ api_key: revoked.key });
      expect(refused.status).toBe(403);
    });
  });

  describe('the dashboard role', () => {
    it('never sees a NIK, phone, e-mail or name of any seeded ticket, on any GET it may call', async () => {
      const dashboard = await f.fx.as('dashboard');
      const secrets = f.fx.reporters.flatMap((r) => [r.name, r.phone, r.email, r.nik]);
      expect(f.fx.reporters.length).toBeGreaterThan(20);
      const reachable = routes.filter(
        (route) =>
          route.method === 'GET' &&
          (route.rule?.kind === 'public' ||
            (route.rule?.kind === 'roles' && route.rule.roles.includes('dashboard'))),
      );
      // Every filter and shape the dashboard routes take, around the seeded tickets.
      const variants: Params[] = [
        {},
        { from: '2026-01-01', kota: '31.71' },
        { kecamatan: GAMBIR.slice(0, 8) },
        { kelurahan: GAMBIR, category: 'air-bersih-sanitasi', channel: 'sms' },
        { channel: 'inspektorat' },
        { level: 'kelurahan' },
        { level: 'kelurahan', format: 'geojson', kelurahan: GAMBIR },
        { level: 'kecamatan' },
        { year: '2026', quarter: '4' },
      ];
      let calls = 0;
      for (const route of reachable) {
        const params: Params = {
          trackingNumber: f.ticket.trackingNumber,
          code: GAMBIR,
          service_code: 'air-bersih-sanitasi',
          service_request_id: f.open311.trackingNumber,
          format: 'json',
        };
        const url = route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name);
        for (const query of route.path.includes(':') ? [{}] : variants) {
          const res = await api
            .http()
            .get(url)
            .query({ ...query, api_key: f.keys.own.key })
            .set('Cache-Control', 'no-cache')
            .set(dashboard);
          calls++;
          expect({ url, query, server: res.status >= 500 }).toEqual({ url, query, server: false });
          const leaks = secrets.filter((secret) => (res.text ?? '').includes(secret));
          expect({ url, query, leaks }).toEqual({ url, query, leaks: [] });
        }
      }
      expect(calls).toBeGreaterThan(reachable.length);
    });
  });
});
