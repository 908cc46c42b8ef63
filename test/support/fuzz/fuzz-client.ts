import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { FuzzInput, MARK } from './arbitraries';

export interface Sent {
  /** The unique marker this request carries in place of MARK (text fields, external ids, keys) */
  marker: string;
  input: FuzzInput;
  /** The bytes sent */
  raw: string | Buffer;
  /** The body sent, when it was JSON */
  sentJson: unknown;
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

export interface SendOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Headers computed from the raw body (e.g. JAKI's signature) */
  sign?: (raw: string | Buffer) => Record<string, string>;
  /** Send the marker as Idempotency-Key too */
  idempotencyKey?: boolean;
}

let counter = 0;
const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/** A marker no other request of any suite carries. */
export function nextMarker(): string {
  counter += 1;
  return `fz${run}x${counter}`;
}

/**
 * Listens on a local port and sends raw requests with fetch: supertest re-listens per request and
 * cannot send every malformed body, and the fuzz run sends tens of thousands.
 */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function send(base: string, input: FuzzInput, options: SendOptions): Promise<Sent> {
  const marker = nextMarker();
  let raw: string | Buffer;
  let contentType: string | null;
  let sentJson: unknown = undefined;
  if (input.kind === 'json') {
    const text = JSON.stringify(input.value) ?? 'null';
    raw = text.split(MARK).join(marker);
    sentJson = JSON.parse(raw);
    contentType = 'application/json';
  } else {
    raw = typeof input.raw === 'string' ? input.raw.split(MARK).join(marker) : input.raw;
    contentType = input.contentType;
  }
  const headers: Record<string, string> = {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ...(options.idempotencyKey ? { 'Idempotency-Key': marker } : {}),
    ...options.headers,
    ...(input.kind === 'raw' ? input.headers : {}),
    ...options.sign?.(raw),
  };
  const res = await fetch(`${base}${options.path.split(MARK).join(marker)}`, {
    method: options.method,
    headers,
    body: options.method === 'GET' ? undefined : Buffer.from(raw),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (XML, CSV or empty): kept as text
  }
  return {
    marker,
    input,
    raw,
    sentJson,
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text,
    body,
  };
}

/** A short description of a request for failure messages (huge bodies abbreviated). */
export function describeSent(sent: Sent): string {
  const raw = typeof sent.raw === 'string' ? sent.raw : sent.raw.toString('latin1');
  const shown = raw.length > 300 ? `${raw.slice(0, 300)}… (${raw.length} chars)` : raw;
  const answer = sent.text.length > 500 ? `${sent.text.slice(0, 500)}…` : sent.text;
  return `${sent.input.kind === 'raw' ? `[${sent.input.contentType}] ` : ''}${shown}\n→ ${sent.status} ${answer}`;
}
