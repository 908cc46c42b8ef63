import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a number read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `JKT-XXXX-XXXX-XXXX`: 60 random bits. Anyone holding it may see the ticket's public status,
 * so it must not be guessable from another ticket's number or from the time of the complaint.
 */
export function newTrackingNumber(): string {
  const bytes = randomBytes(12);
  let chars = '';
  for (let i = 0; i < 12; i++) chars += ALPHABET[bytes[i] & 31];
  return `JKT-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export const TRACKING_NUMBER_PATTERN =
  /^JKT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/**
 * A tracking number as a person typed it, in the form the service stores: upper case, surrounding
 * blanks dropped, and the letters Crockford's alphabet leaves out read as the digits they are
 * mistaken for (O → 0, I and L → 1), in the twelve characters after `JKT-` only. A reporter reads
 * the number off an SMS or hears it over the phone: `jkt-7k2m-…` is the same ticket. Anything
 * that still does not match TRACKING_NUMBER_PATTERN is left for the caller to refuse.
 */
export function normaliseTrackingNumber(typed: string): string {
  const upper = typed.trim().toUpperCase();
  if (!upper.startsWith('JKT-')) return upper;
  return `JKT-${upper.slice(4).replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}
