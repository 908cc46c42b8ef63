/** Jakarta is UTC+07:00 all year (no daylight saving). */
export const JAKARTA_OFFSET_S = 7 * 3600;
export const DAY_S = 86_400;

/** Unix seconds of 00:00 Jakarta time on a calendar date. */
export function jakartaMidnight(year: number, monthIndex: number, day: number): number {
  return Date.UTC(year, monthIndex, day) / 1000 - JAKARTA_OFFSET_S;
}

/** The Jakarta calendar day (as days since 1970-01-01) of an instant. */
export function jakartaDay(unixSeconds: number): number {
  return Math.floor((unixSeconds + JAKARTA_OFFSET_S) / DAY_S);
}

/** ISO 8601 with the Jakarta offset, e.g. 2026-01-31T00:00:00+07:00. */
export function jakartaIso(unixSeconds: number): string {
  const local = new Date((unixSeconds + JAKARTA_OFFSET_S) * 1000).toISOString();
  return `${local.slice(0, 19)}+07:00`;
}

/**
 * A query's `from`/`to` as Unix seconds: a date stands for its whole Jakarta day (`to`
 * inclusive), an instant for itself (`to` exclusive).
 */
export function boundOf(value: string, end: boolean): number {
  const start = jakartaDayStart(value);
  if (start === null) return NaN;
  if (value.length > 10) return Math.floor(Date.parse(value) / 1000);
  return end ? start + DAY_S : start;
}

/**
 * Unix seconds of 00:00 Jakarta time on the calendar date `value` starts with (YYYY-MM-DD), or
 * null when that is no date: 2026-02-31 (Date.UTC would quietly make it 3 March).
 */
export function jakartaDayStart(value: string): number | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!date) return null;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return jakartaMidnight(year, month - 1, day);
}
