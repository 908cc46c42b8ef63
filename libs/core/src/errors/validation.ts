import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { Bilingual, bilingual } from '../i18n/bilingual';
import { ApiError, ErrorDetail } from './api-error';
import { problemOf } from './validation-messages';

/** One `{ field: "reporter.phone", problem }` row per field that failed, nested fields included. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const problem = problemOf(error);
    const own = problem ? [{ field, problem }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The message of a refused request: the one problem itself, or the fields to look at. */
export function validationMessage(details: ErrorDetail[]): Bilingual {
  if (details.length === 1) {
    const [{ field, problem }] = details;
    return bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`);
  }
  const fields = details.map((detail) => detail.field).join(', ');
  return bilingual(
    `Periksa ${details.length} kolom: ${fields}; keterangannya ada di details`,
    `Check ${details.length} fields: ${fields}; details says what is wrong with each`,
  );
}

/** Deeper than any request of this API; deeper input overflows the stack of the pipe's own walk. */
export const MAX_INPUT_DEPTH = 32;
export const TOO_DEEP = bilingual(
  `bersarang lebih dalam dari ${MAX_INPUT_DEPTH} tingkat`,
  `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
);
const NUL = bilingual('tidak boleh berisi karakter NUL', 'must not contain NUL characters');
const NOT_UNICODE = bilingual('harus teks Unicode yang sah', 'must be valid Unicode text');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no field of any request may hold, found without recursion: nesting deeper than
 * MAX_INPUT_DEPTH, and text that cannot be stored as sent — NUL (PostgreSQL text refuses it) and
 * lone UTF-16 surrogates (`"\ud800"` in JSON; not Unicode, and stored as U+FFFD instead).
 */
export function unacceptableInput(value: unknown): ErrorDetail | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return { field, problem: NUL };
      if (LONE_SURROGATE.test(node)) return { field, problem: NOT_UNICODE };
    } else if (node !== null && typeof node === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        return { field, problem: TOO_DEEP };
      }
      for (const [key, child] of Object.entries(node)) {
        stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** The ValidationPipe, after refusing what class-validator cannot check (unacceptableInput). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unacceptableInput(value);
      if (problem) {
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'VALIDATION_FAILED',
          validationMessage([problem]),
          [problem],
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are rejected, payloads are converted to their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Target and value tell a missing field from a wrong one and find a rule's arguments; the
    // response is built from the flattened rows alone, so neither is ever echoed back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        validationMessage(details),
        details,
      );
    },
  });
}
