import { HttpException, HttpStatus } from '@nestjs/common';

/** One field-level problem, as listed in an error's `details`. */
export interface ErrorDetail {
  field?: string;
  problem: string;
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

/** An error with a stable machine-readable `code`; the filter turns it into the error shape. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message, status);
  }
}

/** 429 with the seconds a client should wait, sent as `Retry-After`. */
export class TooManyRequestsError extends ApiError {
  constructor(
    message: string,
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
