import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from './support/test-api';
import { jakiPush, postJaki, waitForTicket } from './support/intake-client';

const KEBON_SIRIH = '31.71.06.1005';
const SECRET = 'k'.repeat(40);

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('unit notices', () => {
  let api: TestApi;
  let hook: Server;
  let url: string;
  const received: Received[] = [];
  let failNext = 0;

  beforeAll(async () => {
    api = await startTestApi();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/crm`;
  });
  afterAll(async () => {
    // Other suites share the database: leave Kebon Sirih's notices to the log again.
    await api
      .http()
      .delete(`/api/v1/units/${KEBON_SIRIH}/webhook`)
      .set(await admin())
      .expect(200);
    await api.close();
    await new Promise((resolve) => hook.close(resolve));
  });

  const admin = async () => ({ Authorization: `Bearer ${await api.token('admin', 'diskominfo')}` });

  async function notices(complaintId: string) {
    const res = await api
      .http()
      .get('/api/v1/notifications?limit=200')
      .set(await admin())
      .expect(200);
    return (
      res.body.data as {
        complaintId: string;
        kind: string;
        status: string;
        attempts: number;
        recipientUnit: string;
        lastError: string | null;
      }[]
    ).filter((n) => n.complaintId === complaintId && n.kind !== 'acknowledgement');
  }

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; ; i++) {
      const value = await read();
      if (done(value) || i > 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Diskominfo re-routes the ticket to Kebon Sirih, whose webhook this suite watches. */
  async function reRouteToKebonSirih(complaintId: string) {
    await api
      .http()
      .post(`/api/v1/complaints/${complaintId}/dispositions`)
      .set({ Authorization: `Bearer ${await api.token('diskominfo')}` })
      .send({ toUnit: KEBON_SIRIH, reason: 'wrong-area' })
      .expect(200);
  }

  /** The ticket's notice to Kebon Sirih, once `done` holds for it (or after about 10 s). */
  async function kebonSirihNotice(
    complaintId: string,
    done: (notice: Awaited<ReturnType<typeof notices>>[number] | undefined) => boolean,
  ) {
    const [notice] = await waitFor(
      () => notices(complaintId).then((all) => all.filter((n) => n.recipientUnit === KEBON_SIRIH)),
      (found) => done(found[0]),
    );
    return notice;
  }

  it('posts a signed notice to the unit’s webhook, retrying a failure, once per assignment', async () => {
    await api
      .http()
      .put(`/api/v1/units/${KEBON_SIRIH}/webhook`)
      .set(await admin())
      .send({ url, secret: SECRET })
      .expect(200);
    const res = await postJaki(api, jakiPush({ location: { lat: -6.1754, lon: 106.8272 } }));
    const ticket = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
    failNext = 1;
    await reRouteToKebonSirih(String(ticket.id));

    const notice = await kebonSirihNotice(String(ticket.id), (n) => n?.status === 'delivered');
    expect(notice).toMatchObject({ kind: 'assignment', status: 'delivered', attempts: 2 });
    const deliveries = received.filter((r) => r.body.includes(String(ticket.id)));
    expect(deliveries).toHaveLength(2); // the failed try and the retry
    for (const delivery of deliveries) {
      const expected = createHmac('sha256', SECRET).update(delivery.body).digest('hex');
      expect(delivery.headers['x-crm-signature']).toBe(`sha256=${expected}`);
      expect(delivery.headers['x-crm-delivery']).toBe(deliveries[0].headers['x-crm-delivery']);
    }
    expect(JSON.parse(deliveries[0].body)).toMatchObject({
      kind: 'assignment',
      complaintId: ticket.id,
      unit: KEBON_SIRIH,
    });
  });

  it('delivers at once to a webhook another instance has just set (not after the cache’s 30 s)', async () => {
    await api
      .http()
      .delete(`/api/v1/units/${KEBON_SIRIH}/webhook`)
      .set(await admin())
      .expect(200);
    const res = await postJaki(api, jakiPush({ location: { lat: -6.1754, lon: 106.8272 } }));
    // Reading the ticket fills this instance's cache: Kebon Sirih without a webhook.
    const ticket = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
    // The admin's edit arrives through another instance (the API, while this is the worker).
    await api.app
      .get(DataSource)
      .query('UPDATE units SET webhook_url = $1, webhook_secret = $2 WHERE code = $3', [
        url,
        SECRET,
        KEBON_SIRIH,
      ]);
    await reRouteToKebonSirih(String(ticket.id));
    const notice = await kebonSirihNotice(
      String(ticket.id),
      (n) => n !== undefined && n.status !== 'pending',
    );
    expect(notice).toMatchObject({ kind: 'assignment', status: 'delivered' });
  });

  it('logs the notice of a unit without a webhook', async () => {
    const res = await postJaki(api, jakiPush({ location: { lat: -6.1754, lon: 106.8272 } }));
    const ticket = await waitForTicket(api, res.body.id, (t) => t.routedAt !== null);
    const [notice] = await waitFor(
      () => notices(String(ticket.id)),
      (found) => found[0]?.status === 'logged',
    );
    expect(notice).toMatchObject({
      kind: 'assignment',
      recipientUnit: '31.71.01.1001',
      status: 'logged',
    });
  });

  it('lets only admins set a webhook, and only to a URL with a long enough secret', async () => {
    await api
      .http()
      .put(`/api/v1/units/${KEBON_SIRIH}/webhook`)
      .set({ Authorization: `Bearer ${await api.token('diskominfo')}` })
      .send({ url, secret: SECRET })
      .expect(403);
    await api
      .http()
      .put(`/api/v1/units/${KEBON_SIRIH}/webhook`)
      .set(await admin())
      .send({ url: 'not a url', secret: 'short' })
      .expect(400);
  });
});
