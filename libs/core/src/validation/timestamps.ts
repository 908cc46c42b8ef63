import { ValidateBy, ValidationOptions } from 'class-validator';
import { encodeMessage } from '../errors/validation-messages';
import { bilingual } from '../i18n/bilingual';

/** Years a timestamp of this service may name: every real date, and nothing PostgreSQL or `Date` mis-reads. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function realDate(year: number, month: number, day: number): boolean {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1)
    return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-01-31`: a real calendar date within the service's years. */
export function isCalendarDate(value: unknown): value is string {
  const parts = typeof value === 'string' ? DATE.exec(value) : null;
  return parts !== null && realDate(+parts[1], +parts[2], +parts[3]);
}

/**
 * `2026-01-31T08:00:00+07:00` (seconds and fractions optional, `Z` for UTC): one instant, with
 * its offset, within the service's years. ISO 8601 allows much more — week dates (`2026-W01`),
 * ordinal dates, six-digit signed years (`+009999-…`, `-005000-…`) — that `Date` or PostgreSQL
 * cannot read; none of it is a timestamp any client of this service sends.
 */
export function isInstant(value: unknown): value is string {
  const parts = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!parts) return false;
  const [hour, minute, second] = [+parts[4], +parts[5], +(parts[6] ?? 0)];
  const offsetHours = +(parts[7] ?? 0);
  const offsetMinutes = +(parts[8] ?? 0);
  return (
    realDate(+parts[1], +parts[2], +parts[3]) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 14 &&
    offsetMinutes <= 59
  );
}

const INSTANT_EXAMPLE = '2026-01-31T08:00:00+07:00';

/** A date-time with its offset (isInstant). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: () =>
          encodeMessage(
            bilingual(
              `harus tanggal dan jam dengan zona waktunya, misalnya ${INSTANT_EXAMPLE}, antara tahun ${EARLIEST_YEAR} dan ${LATEST_YEAR}`,
              `must be a date-time with its offset, such as ${INSTANT_EXAMPLE}, in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
            ),
          ),
      },
    },
    options,
  );
}

/** A calendar date (`2026-01-31`) or a date-time with its offset. */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value: unknown) => isCalendarDate(value) || isInstant(value),
        defaultMessage: () =>
          encodeMessage(
            bilingual(
              `harus tanggal (2026-01-31) atau tanggal dan jam dengan zona waktunya (${INSTANT_EXAMPLE}), antara tahun ${EARLIEST_YEAR} dan ${LATEST_YEAR}`,
              `must be a date (2026-01-31) or a date-time with its offset (${INSTANT_EXAMPLE}), in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`,
            ),
          ),
      },
    },
    options,
  );
}
