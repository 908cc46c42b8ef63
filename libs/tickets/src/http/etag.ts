import { HttpStatus } from '@nestjs/common';
import { ApiError, bilingual } from '@crm/core';

/** A ticket's version as a weak entity tag: `W/"7"`. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/**
 * The version an `If-Match` header names (`W/"7"`, `"7"` or `7`); null when absent or `*`.
 * Anything else is a 400, never silently ignored.
 */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(
        'If-Match: harus ETag tiket, misalnya W/"3"; ambil dari header ETag saat membaca tiket',
        'If-Match: must be the ETag of the ticket, like W/"3"',
      ),
      [{ field: 'If-Match', problem: bilingual('bukan ETag tiket', 'is not a ticket ETag') }],
    );
  }
  return Number(match[1]);
}
