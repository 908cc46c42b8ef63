import { createHmac } from 'node:crypto';
import type { TestApi } from './test-api';

/** Signs a JAKI push the way JAKI does. */
export function jakiSignature(rawBody: string, secret = process.env.JAKI_WEBHOOK_SECRET!): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

let counter = 0;
/** A distinct, valid JAKI push (override anything). */
export function jakiPush(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    externalId: `JAKI-${Date.now()}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    reportedAt: '2026-11-20T08:15:00+07:00',
    reporter: { name: 'Siti Rahmawati', phone: '081234567890', email: 'siti@example.com' },
    description: 'Lampu penerangan jalan mati sejak tiga hari di depan Monas',
    category: 'lainnya',
    location: { lat: -6.1754, lon: 106.8272 },
    ...overrides,
  };
}

export function postJaki(api: TestApi, body: unknown, headers: Record<string, string> = {}) {
  const raw = JSON.stringify(body);
  return api
    .http()
    .post('/api/v1/channels/jaki/complaints')
    .set('Content-Type', 'application/json')
    .set('X-Jaki-Signature', jakiSignature(raw))
    .set(headers)
    .send(raw);
}

/** A complaint about an official's conduct, entered by an operator of the Inspektorat channel. */
export async function postInspektoratComplaint(api: TestApi, fields: Record<string, unknown> = {}) {
  const operator = `Bearer ${await api.token('operator', 'diskominfo', ['inspektorat'])}`;
  return api
    .http()
    .post('/api/v1/complaints')
    .set({ Authorization: operator })
    .send({
      channel: 'inspektorat',
      reporter: { name: 'Pelapor', phone: '081200000009' },
      description: 'Pungutan liar di kantor kelurahan',
      ...fields,
    });
}

/** A step on a ticket (`accept`, `follow-ups`, `validation`, …) as the caller `headers` names. */
export function act(
  api: TestApi,
  id: string,
  step: string,
  headers: Record<string, string>,
  body: object = {},
) {
  return api.http().post(`/api/v1/complaints/${id}/${step}`).set(headers).send(body);
}

/** Polls a ticket until `done` holds (the routing job runs asynchronously). */
export async function waitForTicket(
  api: TestApi,
  id: string,
  done: (ticket: Record<string, unknown>) => boolean,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const auth = { Authorization: `Bearer ${await api.token('admin', 'diskominfo')}` };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.http().get(`/api/v1/complaints/${id}`).set(auth);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline)
      throw new Error(`Ticket ${id} never reached the state: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Reads `read` until `done` holds for what it returns, or 15 s pass: for what the service does
 * after answering (notices are written by a job once the step's events are relayed).
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
