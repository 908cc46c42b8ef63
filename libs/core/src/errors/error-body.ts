import { HttpException } from '@nestjs/common';
import { Bilingual, bilingual, Language, localised } from '../i18n/bilingual';
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
 * Maps anything thrown while serving a request onto the one error shape, worded in the client's
 * language. Nothing internal (stack, SQL, driver messages) ever reaches the body of a 5xx.
 */
export function toErrorBody(
  error: unknown,
  requestId: string,
  language: Language = 'id',
): ErrorBody {
  const answer = (status: number, code: string, message: Bilingual, details: unknown[] = []) => ({
    statusCode: status,
    code,
    message: message.in(language),
    details: details.map((detail) => inLanguage(detail, language)),
    requestId,
  });
  if (error instanceof ApiError) {
    return answer(error.getStatus(), error.code, error.text, error.details);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) {
      return answer(status, defaultCode(status), status === 503 ? UNAVAILABLE : INTERNAL);
    }
    return answer(status, defaultCode(status), frameworkMessage(error));
  }
  // body-parser and other express-level errors carry a 4xx `status` and a `type`.
  const status = httpStatusOf(error);
  if (status && status < 500) {
    return answer(
      status,
      bodyParserCode(error) ?? defaultCode(status),
      bodyParserMessage(error, status),
    );
  }
  if (isDependencyUnavailable(error)) {
    return answer(503, 'SERVICE_UNAVAILABLE', DEPENDENCY_UNAVAILABLE);
  }
  return answer(500, 'INTERNAL_ERROR', INTERNAL);
}

const INTERNAL = bilingual(
  'Terjadi kesalahan di server; laporkan requestId ini kepada pengelola layanan',
  'Internal server error; report this requestId to the service operator',
);
const UNAVAILABLE = bilingual(
  'Layanan sedang tidak tersedia; coba lagi sebentar lagi',
  'Service temporarily unavailable',
);
const DEPENDENCY_UNAVAILABLE = bilingual(
  'Basis data atau antrean sedang tidak terjangkau; coba lagi sebentar lagi',
  'A dependency is unavailable; retry shortly',
);

/** A detail's Bilingual fields (`problem`) in the client's language; other values as they are. */
function inLanguage(detail: unknown, language: Language): unknown {
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return detail;
  return Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [key, localised(value, language)]),
  );
}

/** Nest's own 4xx (a route that does not exist, mostly), which speak English only. */
function frameworkMessage(error: HttpException): Bilingual {
  const response = error.getResponse();
  let english = error.message;
  if (typeof response === 'object' && response && 'message' in response) {
    const raw = (response as { message: unknown }).message;
    english = Array.isArray(raw) ? raw.join('; ') : String(raw);
  }
  const status = error.getStatus();
  if (status === 404) {
    return bilingual(
      `Alamat ini tidak ada di API (${english}); periksa jalur dan metodenya di /docs`,
      english,
    );
  }
  return bilingual(english, english);
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

function bodyParserMessage(error: unknown, status: number): Bilingual {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large':
      return bilingual(
        'Body permintaan melebihi batas 1 MB',
        'Request body is larger than the 1 MB limit',
      );
    case 'entity.parse.failed':
      return bilingual(
        'Body permintaan bukan JSON yang sah; periksa tanda kutip, koma dan kurung',
        'Request body is not valid JSON',
      );
    case 'encoding.unsupported':
      return bilingual(
        'Body terkompresi (Content-Encoding) tidak diterima; kirim tanpa kompresi',
        'Compressed request bodies are not accepted (Content-Encoding); send the body uncompressed',
      );
    case 'charset.unsupported':
      return bilingual(
        'Charset tidak didukung; kirim body sebagai UTF-8',
        'Unsupported charset; send the body as UTF-8',
      );
    default:
      return status === 415
        ? bilingual(
            'Encoding atau charset body tidak didukung',
            'Unsupported content encoding or charset',
          )
        : bilingual('Permintaan tidak dapat dibaca', 'Bad request');
  }
}
