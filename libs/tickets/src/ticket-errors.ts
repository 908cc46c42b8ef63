import { HttpStatus } from '@nestjs/common';
import { ApiError, Bilingual, bilingual } from '@crm/core';

/**
 * Every refusal a ticket's steps can give, in one place: the codes are the API's (docs/api.md,
 * "Errors"), and clients branch on them.
 */
export const TicketErrors = {
  notFound: () =>
    new ApiError(
      HttpStatus.NOT_FOUND,
      'COMPLAINT_NOT_FOUND',
      bilingual(
        'Tiket tidak ditemukan atau bukan wewenang unit Anda; periksa id atau nomor lacaknya',
        'No such complaint',
      ),
    ),
  notAllowed: (message: Bilingual) =>
    new ApiError(HttpStatus.FORBIDDEN, 'ACTION_NOT_ALLOWED', message),
  invalidTransition: (message: Bilingual) =>
    new ApiError(HttpStatus.CONFLICT, 'INVALID_TRANSITION', message),
  staleVersion: (expected: number, actual: number) =>
    new ApiError(
      HttpStatus.CONFLICT,
      'VERSION_CONFLICT',
      bilingual(
        `Tiket sudah berubah sejak versi ${expected} dan kini di versi ${actual}; muat ulang tiket, periksa perubahannya, lalu coba lagi`,
        `The ticket changed since version ${expected}; it is at version ${actual}`,
      ),
    ),
  lostRace: () =>
    new ApiError(
      HttpStatus.CONFLICT,
      'VERSION_CONFLICT',
      bilingual(
        'Petugas lain mengubah tiket ini pada saat yang sama; muat ulang tiket lalu coba lagi',
        'Someone else changed the ticket at the same moment; reload it and try again',
      ),
    ),
  conflict: (code: string, message: Bilingual) => new ApiError(HttpStatus.CONFLICT, code, message),
  invalid: (
    field: string,
    problem: Bilingual,
    message = bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
  ) => new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, [{ field, problem }]),
};
