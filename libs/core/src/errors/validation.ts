import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ErrorDetail } from './api-error';

/** Flattens nested class-validator errors into `{ field: "reporter.phone", problem }` rows. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Deeper than any request of this API; deeper input overflows the stack of the pipe's own walk. */
export const MAX_INPUT_DEPTH = 32;
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
      if (node.includes('\u0000')) return { field, problem: 'must not contain NUL characters' };
      if (LONE_SURROGATE.test(node)) return { field, problem: 'must be valid Unicode text' };
    } else if (node !== null && typeof node === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        return { field, problem: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
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
          `${problem.field}: ${problem.problem}`,
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      // One problem is named in the message itself; several are summarised.
      const message =
        details.length === 1
          ? `${details[0].field}: ${details[0].problem}`
          : `The request is invalid in ${details.length} places; see details`;
      return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, details);
    },
  });
}
