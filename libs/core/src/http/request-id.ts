import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'http' {
  interface IncomingMessage {
    /** The caller's own `X-Request-Id`, when it is a sane token: echoed and logged, never trusted. */
    clientRequestId?: string;
  }
}

/**
 * Gives every request an id before anything else runs (so even a rejected body has one). The id
 * is always the server's own UUID: it is what audit rows (`complaint_events.request_id`,
 * `pii_access_log.request_id`), log lines, the error body's `requestId` and the `X-Request-Id`
 * response header carry, so that no caller can choose or repeat the id of what it did. A caller's
 * `X-Request-Id` is kept beside it — echoed as `X-Client-Request-Id` and logged as
 * `clientRequestId` on every line of the request — so the caller can still find its request.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  req.id = randomUUID();
  res.setHeader('X-Request-Id', req.id);
  const offered = req.header('x-request-id');
  if (offered && ACCEPTABLE_ID.test(offered)) {
    req.clientRequestId = offered;
    res.setHeader('X-Client-Request-Id', offered);
  }
  next();
}
