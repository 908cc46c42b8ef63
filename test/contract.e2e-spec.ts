import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Role, ROLES } from '@crm/core';
import { OPERATOR_CHANNELS } from '@crm/intake';
import { ReporterLinks } from '@crm/notices';
import { seededRandom, syntheticNik } from '@crm/testing';
import { TINY_PNG } from './support/access-fixtures';
import { applicationForm } from './support/application-form';
import { startFreshTestApi, TestApi } from './support/test-api';

/**
 * docs/api.md is the project's copy of the published contract. This suite holds the service to
 * it: every route the page lists is served and described in /docs-json (and nothing is served
 * that the page does not list), and every request body the page shows is taken as written.
 */

const API_MD = readFileSync(path.join(__dirname, '../docs/api.md'), 'utf8');

// The agreed contract's upcoming parts: listed on the page, deliberately not served yet.
const SERVED_PART = API_MD.slice(0, API_MD.indexOf('\n## Planned'));

/**
 * Deliberate differences between the page's routes and the OpenAPI document, each with its
 * reason. Anything else missing on either side fails.
 */
const LISTED_NOT_IN_OPENAPI = new Set([
  // The OpenAPI document and its UI: the document does not describe itself.
  'GET /docs',
  'GET /docs-json',
  // Bull's dashboard: its own pages and API, not the service's REST resources.
  'GET /admin/queues',
  // The web console's pages and files (apps/console), not REST resources.
  'GET /console',
]);
const IN_OPENAPI_NOT_LISTED = new Set<string>([
  // (none today)
]);

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `/api/v1/units/{code}?type=` → `/api/v1/units/{}`: what two spellings of a route share. */
function routeKey(method: string, route: string): string {
  const bare = route
    .replace(/\\\|/g, '|')
    .replace(/\?.*$/, '')
    .replace(/\{json\|xml\}/g, '{format}')
    // Open311's representation is its extension: `requests.json` is `requests.{format}`.
    .replace(/^(\/open311\/.*)\.(json|xml)$/, '$1.{format}')
    .replace(/\{[^}]+\}/g, '{}');
  return `${method} ${bare}`;
}

/** Every `| METHOD | \`path\` | …` row of the page's tables, outside "Planned". */
function listedRoutes(markdown: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    if (cells.length < 4) continue;
    const methods = cells[1].split(/,\s*/);
    if (!methods.length || !methods.every((m) => HTTP_METHODS.includes(m))) continue;
    const paths = [...cells[2].matchAll(/`(\/[^`]+)`/g)].map((m) => m[1]);
    for (const method of methods) {
      for (const route of paths) routes.set(routeKey(method, route), `${method} ${route}`);
    }
  }
  return routes;
}

interface Example {
  method: string;
  path: string;
  role: string;
  unit?: string;
  body: Record<string, unknown>;
}

/** Every JSON block introduced by "`METHOD /path`, as `role`": the page's request bodies. */
function requestExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const block = /```json\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(block)) {
    const before = markdown.slice(0, match.index).trimEnd();
    const intro = before.slice(before.lastIndexOf('\n\n') + 2);
    const said = /^`(GET|POST|PUT|PATCH|DELETE) (\/[^`]+)`, as `([a-z0-9]+)`/.exec(intro);
    if (!said) continue; // an answer's shape, not a request
    examples.push({
      method: said[1],
      path: said[2],
      role: said[3],
      unit: /\(unit `([^`]+)`\)/.exec(intro)?.[1],
      body: JSON.parse(match[1]) as Record<string, unknown>,
    });
  }
  return examples;
}

const KELURAHAN = '31.71.01.1001';
// A unit no other example touches: its webhook example must not redirect other notices.
const WEBHOOK_UNIT = '31.01.01.1001';

describe('the contract (docs/api.md)', () => {
  let api: TestApi;
  let operationKeys: Map<string, string>;
  let jsonBodyOperations: string[];

  beforeAll(async () => {
    // Its own database: the examples add holidays, deadline rules and webhooks.
    api = await startFreshTestApi();
    const document = (await api.http().get('/docs-json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    };
    operationKeys = new Map();
    jsonBodyOperations = [];
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const key = routeKey(method.toUpperCase(), route);
        operationKeys.set(key, `${method.toUpperCase()} ${route}`);
        const types = Object.keys(operation.requestBody?.content ?? {});
        if (types.includes('application/json')) jsonBodyOperations.push(key);
      }
    }
  });
  afterAll(() => api.close());

  it('lists every route the OpenAPI document describes, and describes every route it lists', () => {
    const listed = listedRoutes(SERVED_PART);
    expect(listed.size).toBeGreaterThan(40);
    const notDescribed = [...listed.keys()]
      .filter((key) => !operationKeys.has(key))
      .map((key) => listed.get(key)!)
      .filter((route) => !LISTED_NOT_IN_OPENAPI.has(route));
    const notListed = [...operationKeys.keys()]
      .filter((key) => !listed.has(key))
      .map((key) => operationKeys.get(key)!)
      .filter((route) => !IN_OPENAPI_NOT_LISTED.has(route));
    expect({ notDescribed, notListed }).toEqual({ notDescribed: [], notListed: [] });
  });

  it('shows a request body for every route that takes JSON', () => {
    const shown = new Set(
      requestExamples(SERVED_PART).map(({ method, path: route }) => routeKey(method, route)),
    );
    expect(jsonBodyOperations.filter((key) => !shown.has(key))).toEqual([]);
  });

  describe('takes every request body it shows, as written', () => {
    const examples = requestExamples(SERVED_PART);
    const random = seededRandom(20261202);

    const token = (role: string, unit?: string) =>
      api.token(
        role as Role,
        unit ?? (role === 'unit' ? KELURAHAN : role === 'verifier' ? 'dinsos' : 'diskominfo'),
        role === 'operator' ? [...OPERATOR_CHANNELS] : undefined,
      );

    /** A ticket at the kelurahan, fresh for each example: its state is the example's own. */
    async function complaint(): Promise<string> {
      const res = await api
        .http()
        .post('/api/v1/complaints')
        .set('Authorization', `Bearer ${await token('operator')}`)
        .send({
          channel: 'pendopo-balaikota',
          reporter: { name: 'Pelapor Kontrak', phone: '081200000001' },
          description: 'Keluhan untuk uji kontrak',
          assignTo: KELURAHAN,
        });
      expect(res.status).toBe(201);
      return (res.body as { id: string }).id;
    }

    /** A household on the prelist: registry check, application form, triage. */
    async function prelistEntry(): Promise<string> {
      const id = await complaint();
      const diskominfo = `Bearer ${await token('diskominfo')}`;
      const headNik = syntheticNik(random);
      const steps: [string, object][] = [
        ['registry-check', { nik: headNik }],
        ['application', applicationForm(random, headNik, { kelurahanCode: KELURAHAN })],
        ['triage', { emergency: false, reason: 'Masuk prelist untuk verifikasi' }],
      ];
      let answer: { prelistEntryId?: string } = {};
      for (const [step, body] of steps) {
        const res = await api
          .http()
          .post(`/api/v1/complaints/${id}/${step}`)
          .set('Authorization', diskominfo)
          .send(body);
        expect({ step, status: res.status }).toEqual({ step, status: 200 });
        answer = res.body as typeof answer;
      }
      return answer.prelistEntryId!;
    }

    async function open311Key(): Promise<string> {
      const res = await api
        .http()
        .post('/api/v1/open311/keys')
        .set('Authorization', `Bearer ${await token('admin')}`)
        .send({ channel: 'lapor-1708', name: 'Uji kontrak' });
      expect(res.status).toBe(201);
      return (res.body as { key: string }).key;
    }

    /** A photo on a fresh ticket, as its kelurahan adds it (`{id}` of an attachment route). */
    async function attachment(): Promise<string> {
      const res = await api
        .http()
        .post(`/api/v1/complaints/${await complaint()}/attachments`)
        .set('Authorization', `Bearer ${await token('unit')}`)
        .field('kind', 'evidence')
        .attach('file', TINY_PNG, { filename: 'foto.png', contentType: 'image/png' });
      expect(res.status).toBe(201);
      return (res.body as { id: string }[])[0].id;
    }

    /** A response template to change. */
    async function responseTemplate(): Promise<string> {
      const res = await api
        .http()
        .post('/api/v1/response-templates')
        .set('Authorization', `Bearer ${await token('admin')}`)
        .send({ stage: 'reply', title: 'Uji kontrak', text: 'Terima kasih atas laporannya.' });
      expect(res.status).toBe(201);
      return (res.body as { id: string }).id;
    }

    it('finds the examples on the page', () => {
      expect(examples.length).toBeGreaterThan(15);
    });

    it.each(examples.map((example) => [`${example.method} ${example.path}`, example] as const))(
      '%s',
      async (_name, example) => {
        let route = example.path;
        let body = JSON.stringify(example.body);
        if (route.includes('/complaints/{id}') || body.includes('"{id}"')) {
          const id = await complaint();
          route = route.replace('{id}', id);
          body = body.replaceAll('"{id}"', JSON.stringify(id));
        }
        if (route.includes('/prelist/{id}')) route = route.replace('{id}', await prelistEntry());
        if (route.includes('/attachments/{id}')) route = route.replace('{id}', await attachment());
        route = route.replace('/units/{code}', `/units/${WEBHOOK_UNIT}`);
        route = route.replace('/categories/{code}', '/categories/lainnya');
        route = route.replace('/channels/{code}', '/channels/sms');
        if (route.includes('/response-templates/{id}')) {
          route = route.replace('{id}', await responseTemplate());
        }
        route = route.replace('/notice-templates/{kind}', '/notice-templates/placed');
        if (route.includes('/reporter/{token}')) {
          // The reporter's link of a fresh ticket, as a notice would carry it.
          route = route.replace('{token}', api.app.get(ReporterLinks).token(await complaint()));
        }

        const method = example.method.toLowerCase() as 'post' | 'put' | 'patch';
        const request = api.http()[method](route).set('Content-Type', 'application/json');
        if (example.role === 'jaki') {
          const signature = createHmac('sha256', process.env.JAKI_WEBHOOK_SECRET!)
            .update(body)
            .digest('hex');
          request.set('X-Jaki-Signature', `sha256=${signature}`);
        } else if (example.role === 'open311') {
          request.query({ api_key: await open311Key() });
        } else if (example.role === 'reporter' || example.role === 'anyone') {
          // The link is the reporter's credential; the console's sign-in takes none.
        } else {
          expect(ROLES).toContain(example.role);
          request.set('Authorization', `Bearer ${await token(example.role, example.unit)}`);
        }
        const res = await request.send(body);
        // Refused as malformed, unknown or unsupported, or failed: the page and the service
        // disagree. (A 409 from the fixture's state, or a 403 for a step, is the ticket's business.)
        const refused = [400, 404, 405, 415].includes(res.status) || res.status >= 500;
        expect(refused ? { status: res.status, body: res.body as unknown } : 'taken').toBe('taken');
      },
    );
  });
});
