import { request as httpRequest, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { describeError, guardedConnection } from '@crm/core';

const TIMEOUT_MS = 5_000;

/**
 * One JSON POST to a receiver: resolves when it answered 2xx, throws (for the job to retry)
 * otherwise. No redirect is followed (node's client never follows one). `who` names the receiver
 * in the error without its URL, which may hold credentials and is shown in the notice list.
 * `allowPrivate: false` keeps the connection to public addresses, checked as it is made.
 */
export async function postJson(
  url: string,
  body: string,
  headers: OutgoingHttpHeaders,
  options: { who: string; allowPrivate: boolean },
): Promise<void> {
  let status: number;
  try {
    status = await post(new URL(url), body, headers, options.allowPrivate);
  } catch (error) {
    throw new Error(`${options.who} could not be reached: ${describeError(error)}`);
  }
  if (status >= 300 && status < 400) {
    throw new Error(`${options.who} answered ${status}, a redirect, which is not followed`);
  }
  if (status < 200 || status >= 300) throw new Error(`${options.who} answered ${status}`);
}

function post(
  url: URL,
  body: string,
  headers: OutgoingHttpHeaders,
  allowPrivate: boolean,
): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...headers,
          'content-length': Buffer.byteLength(body),
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...guardedConnection(url, allowPrivate),
      },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
