import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ErrorDetail } from './api-error';

/** Flattens nested class-validator errors into `{ field: "reporter.phone", problem }` rows. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are rejected, payloads are converted to their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
