import { HttpException, HttpStatus } from '@nestjs/common';
import { Bilingual } from '../i18n/bilingual';

/** One field-level problem, as listed in an error's `details`. */
export interface ErrorDetail {
  field?: string;
  problem: Bilingual;
  [extra: string]: unknown;
}

/** The documented error body (docs/api.md, "Conventions"). */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: unknown[];
  requestId: string;
}

/**
 * An error with a stable machine-readable `code`; the filter turns it into the error shape, its
 * message (and any Bilingual in its details) in the language the client asked for.
 */
export class ApiError extends HttpException {
  readonly text: Bilingual;

  constructor(
    status: HttpStatus,
    readonly code: string,
    message: Bilingual,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message.en, status);
    this.text = message;
  }
}

/** 429 with the seconds a client should wait, sent as `Retry-After`. */
export class TooManyRequestsError extends ApiError {
  constructor(
    message: Bilingual,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', message);
  }
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function defaultCode(status: number): string {
  return DEFAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}
