import { HttpException } from '@nestjs/common';
import { ApiError, defaultCode, ErrorBody } from './api-error';

// Connection-level failures of PostgreSQL or Redis: the request may succeed if retried.
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is closed|ECONNREFUSED/;

export function isDependencyUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_SQLSTATE.test(code))
  ) {
    return true;
  }
  const driverError = (error as { driverError?: unknown }).driverError;
  return (
    UNAVAILABLE_MESSAGES.test(error.message) ||
    (driverError ? isDependencyUnavailable(driverError) : false)
  );
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Maps anything thrown while serving a request onto the one error shape. Nothing internal
 * (stack, SQL, driver messages) ever reaches the body of a 5xx.
 */
export function toErrorBody(error: unknown, requestId: string): ErrorBody {
  if (error instanceof ApiError) {
    return body(error.getStatus(), error.code, error.message, error.details, requestId);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    let message = error.message;
    if (typeof response === 'object' && response && 'message' in response) {
      const raw = (response as { message: unknown }).message;
      message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    }
    if (status >= 500)
      message = status === 503 ? 'Service temporarily unavailable' : 'Internal server error';
    return body(status, defaultCode(status), message, [], requestId);
  }
  // body-parser and other express-level errors carry a 4xx `status` and a `type`.
  const status = httpStatusOf(error);
  if (status && status < 500) {
    return body(
      status,
      bodyParserCode(error) ?? defaultCode(status),
      bodyParserMessage(error, status),
      [],
      requestId,
    );
  }
  if (isDependencyUnavailable(error)) {
    return body(
      503,
      'SERVICE_UNAVAILABLE',
      'A dependency is unavailable; retry shortly',
      [],
      requestId,
    );
  }
  return body(500, 'INTERNAL_ERROR', 'Internal server error', [], requestId);
}

function body(
  statusCode: number,
  code: string,
  message: string,
  details: unknown[],
  requestId: string,
): ErrorBody {
  return { statusCode, code, message, details, requestId };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || !error) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 600 ? value : undefined;
}

function bodyParserCode(error: unknown): string | undefined {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large':
      return 'PAYLOAD_TOO_LARGE';
    case 'entity.parse.failed':
      return 'MALFORMED_BODY';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return undefined;
  }
}

function bodyParserMessage(error: unknown, status: number): string {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large':
      return 'Request body is larger than the 1 MB limit';
    case 'entity.parse.failed':
      return 'Request body is not valid JSON';
    case 'encoding.unsupported':
      return 'Compressed request bodies are not accepted (Content-Encoding); send the body uncompressed';
    case 'charset.unsupported':
      return 'Unsupported charset; send the body as UTF-8';
    default:
      return status === 415 ? 'Unsupported content encoding or charset' : 'Bad request';
  }
}
