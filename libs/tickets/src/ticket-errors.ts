import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@crm/core';

/**
 * Every refusal a ticket's steps can give, in one place: the codes are the API's (docs/api.md,
 * "Errors"), and clients branch on them.
 */
export const TicketErrors = {
  notFound: () => new ApiError(HttpStatus.NOT_FOUND, 'COMPLAINT_NOT_FOUND', 'No such complaint'),
  notAllowed: (message: string) =>
    new ApiError(HttpStatus.FORBIDDEN, 'ACTION_NOT_ALLOWED', message),
  invalidTransition: (message: string) =>
    new ApiError(HttpStatus.CONFLICT, 'INVALID_TRANSITION', message),
  staleVersion: (expected: number, actual: number) =>
    new ApiError(
      HttpStatus.CONFLICT,
      'VERSION_CONFLICT',
      `The ticket changed since version ${expected}; it is at version ${actual}`,
    ),
  lostRace: () =>
    new ApiError(
      HttpStatus.CONFLICT,
      'VERSION_CONFLICT',
      'Someone else changed the ticket at the same moment; reload it and try again',
    ),
  conflict: (code: string, message: string) => new ApiError(HttpStatus.CONFLICT, code, message),
  invalid: (field: string, problem: string, message = `${field}: ${problem}`) =>
    new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, [{ field, problem }]),
};
