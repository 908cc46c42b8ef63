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
