import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { Server } from 'node:http';
import { loadConfig, Metrics, serveWorkerMetrics } from '@crm/core';
import { findFreePort } from '@crm/core/infra/free-port';
import { eventually, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { expectErrorShape, startFreshTestApi, TestApi } from './support/test-api';

const METRICS_TOKEN = 'prometheus-scrapes-with-this-token';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text format, sample by sample (`name{a="x",b="y"} 1.5`). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function find(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/**
 * /metrics (docs/operations.md, "Metrics"): the series an engineer watches, with the labels the
 * Grafana dashboard and the alert rules in docker/ use; and the queues' dashboard, for admins.
 */
describe('metrics and the queues dashboard', () => {
  let api: TestApi;
  let ticketId: string;
  let samples: Sample[];

  beforeAll(async () => {
    api = await startFreshTestApi({ METRICS_TOKEN });
    const received = await postJaki(api, jakiPush());
    expect(received.status).toBe(201);
    ticketId = received.body.id as string;
    await waitForTicket(api, ticketId, (ticket) => ticket.status !== 'diterima');
    // The reporter's acknowledgement is written by a job after the ticket's events are relayed.
    const notices = await eventually(
      async () =>
        (
          await api
            .http()
            .get(`/api/v1/complaints/${ticketId}/notices`)
            .set('Authorization', `Bearer ${await api.token('admin')}`)
        ).body as unknown[],
      (list) => list.length > 0,
    );
    expect(notices.length).toBeGreaterThan(0);
    const admin = `Bearer ${await api.token('admin')}`;
    expect(
      (await api.http().get(`/api/v1/complaints/${ticketId}`).set('Authorization', admin)).status,
    ).toBe(200);
    await api.http().get('/no/such/route/12345');
    const scraped = await api
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    samples = parse(scraped.text);
  }, 60_000);
  afterAll(() => api?.close());

  it('is refused without METRICS_TOKEN, or with another token, in the error shape', async () => {
    const none = await api.http().get('/metrics');
    expect(none.status).toBe(401);
    expectErrorShape(none.body, 401, 'UNAUTHORIZED');
    expect(none.body.message).toMatch(/METRICS_TOKEN/);
    const wrong = await api.http().get('/metrics').set('Authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    const staff = await api
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${await api.token('admin')}`);
    expect(staff.status).toBe(401);
  });

  it('times requests by route template and status, never by the raw path', () => {
    const intake = find(samples, 'crm_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/api/v1/channels/jaki/complaints',
      status: '201',
    });
    expect(intake).toHaveLength(1);
    expect(intake[0].value).toBeGreaterThanOrEqual(1);
    expect(
      find(samples, 'crm_http_request_duration_seconds_bucket', {
        route: '/api/v1/complaints/:id',
        status: '200',
        le: '0.1',
      }),
    ).toHaveLength(1);
    expect(
      find(samples, 'crm_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      }),
    ).toHaveLength(1);
    const routes = new Set(
      find(samples, 'crm_http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    expect(
      [...routes].filter((route) => route.includes(ticketId) || route.includes('12345')),
    ).toEqual([]);
  });

  it('shows the queues by state and the job attempts by outcome', () => {
    for (const queue of ['routing', 'sla', 'notifications']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(find(samples, 'crm_queue_jobs', { queue, state })).toHaveLength(1);
      }
      expect(
        find(samples, 'crm_queue_job_attempts_total', { queue, outcome: 'failed' }),
      ).toHaveLength(1);
    }
    const routed = find(samples, 'crm_queue_job_attempts_total', {
      queue: 'routing',
      outcome: 'completed',
    });
    expect(routed[0].value).toBeGreaterThanOrEqual(1);
    expect(
      find(samples, 'crm_queue_jobs', { queue: 'routing', state: 'completed' })[0].value,
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows the outbox lag, dead letters, notices, deadlines, the dashboard index, the event loop and the pool', () => {
    const one = (name: string, labels: Record<string, string> = {}) => {
      const found = find(samples, name, labels);
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found[0].value;
    };
    expect(one('crm_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(one('crm_dead_letters')).toBe(0);
    const notices = find(samples, 'crm_notices');
    expect(notices.length).toBeGreaterThanOrEqual(1);
    for (const notice of notices)
      expect(Object.keys(notice.labels).sort()).toEqual(['channel', 'status']);
    const clocks = find(samples, 'crm_sla_clocks', { state: 'running' });
    expect(clocks.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
    for (const clock of clocks) {
      expect(
        find(samples, 'crm_sla_clocks', { clock: clock.labels.clock, state: 'breached' }),
      ).toHaveLength(1);
    }
    expect(one('crm_dashboard_index_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(one('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(one('crm_db_pool_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
    expect(one('crm_db_pool_connections', { state: 'waiting' })).toBeGreaterThanOrEqual(0);
  });

  it("docker/monitoring's dashboard and alert rules read only series the service exposes", () => {
    const folder = path.join(__dirname, '../docker/monitoring');
    const dashboard = readFileSync(path.join(folder, 'grafana-dashboard.json'), 'utf8');
    const rules = load(readFileSync(path.join(folder, 'alert-rules.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'CrmOutboxLagging',
        'CrmNoticesFailing',
        'CrmSlaBreachesGrowing',
        'CrmDeadLetters',
      ]),
    );
    const exposed = new Set(samples.map((sample) => sample.name));
    const read = [dashboard, ...alerts.map((rule) => rule.expr)]
      .flatMap((text) => [...text.matchAll(/\b((?:crm|nodejs|process)_\w+)/g)].map((m) => m[1]))
      .map((name) => name.replace(/_(bucket|count|sum)$/, '_bucket'));
    expect(read.length).toBeGreaterThan(10);
    expect(
      [...new Set(read)].filter(
        (name) => !exposed.has(name) && !exposed.has(name.replace(/_bucket$/, '_count')),
      ),
    ).toEqual([]);
  });

  it('the worker serves its own /metrics on WORKER_METRICS_PORT, behind the same token', async () => {
    const port = await findFreePort();
    const config = loadConfig({ ...process.env, METRICS_TOKEN, WORKER_METRICS_PORT: String(port) });
    const server = serveWorkerMetrics(api.app.get(Metrics), config) as Server;
    try {
      await new Promise((resolve) =>
        server.listening ? resolve(undefined) : server.once('listening', resolve),
      );
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const answer = await fetch(url, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(answer.status).toBe(200);
      expect(
        parse(await answer.text()).some((s) => s.name === 'crm_queue_job_attempts_total'),
      ).toBe(true);
    } finally {
      server.close();
    }
  });

  describe('/admin/queues', () => {
    it('is 401 without a token and 403 for any role but admin, in the error shape', async () => {
      const none = await api.http().get('/admin/queues').set('Accept', 'application/json');
      expect(none.status).toBe(401);
      expectErrorShape(none.body, 401, 'UNAUTHORIZED');
      for (const role of ['diskominfo', 'unit', 'operator'] as const) {
        const refused = await api
          .http()
          .get('/admin/queues/api/queues')
          .set('Accept', 'application/json')
          .set('Authorization', `Bearer ${await api.token(role)}`);
        expect(refused.status).toBe(403);
        expectErrorShape(refused.body, 403, 'FORBIDDEN');
      }
      const forged = await api
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', 'Bearer not.a.token');
      expect(forged.status).toBe(401);
    });

    it("shows an admin the three queues (the board's own API)", async () => {
      const answer = await api
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${await api.token('admin')}`);
      expect(answer.status).toBe(200);
      const names = (answer.body.queues as { name: string }[]).map((queue) => queue.name).sort();
      expect(names).toEqual(['notifications', 'routing', 'sla']);
    });

    it('lets a person at a browser sign in with an admin token once (a same-site cookie)', async () => {
      const page = await api.http().get('/admin/queues').set('Accept', 'text/html');
      expect(page.status).toBe(401);
      expect(page.text).toContain('<form method="post" action="/admin/queues/session">');

      const asUnit = await api
        .http()
        .post('/admin/queues/session')
        .type('form')
        .send({ token: await api.token('unit') });
      expect(asUnit.status).toBe(403);
      expect(asUnit.headers['set-cookie']).toBeUndefined();

      const signedIn = await api
        .http()
        .post('/admin/queues/session')
        .type('form')
        .send({ token: await api.token('admin') });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/admin/queues/');
      const cookie = (signedIn.headers['set-cookie'] as unknown as string[])[0];
      expect(cookie).toMatch(
        /^crm_admin_token=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/,
      );

      const board = await api.http().get('/admin/queues/').set('Cookie', cookie.split(';')[0]);
      expect(board.status).toBe(200);
      expect(board.headers['content-type']).toMatch(/^text\/html/);
      expect(board.headers['cache-control']).toBe('no-store');
      // Bull's page, without the Google Fonts stylesheet it links, under a policy naming no
      // other origin.
      expect(board.text).toContain('<div id="root">');
      expect(board.text).not.toContain('googleapis');
      const policy = board.headers['content-security-policy'] as string;
      expect(policy).toContain("style-src 'self' 'unsafe-inline';");
      expect(policy).not.toContain('https:');
    });
  });
});
