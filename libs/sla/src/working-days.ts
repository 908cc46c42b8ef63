import { jakartaIso } from '@crm/core';

const DAY_MS = 86_400_000;

/** The Jakarta calendar date (YYYY-MM-DD) of an instant. */
export function jakartaDate(at: Date): string {
  return jakartaIso(Math.floor(at.getTime() / 1000)).slice(0, 10);
}

/** Saturday, Sunday, or a date in the holiday table (national holidays and cuti bersama). */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * The instant `days` working days after `from`, at the same Jakarta time of day: each day that
 * passes counts only when it is a working day. Received on Friday 10:00 with 3 working days →
 * Wednesday 10:00; a holiday on the Monday makes it Thursday.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string>): Date {
  let at = from.getTime();
  let counted = 0;
  while (counted < days) {
    at += DAY_MS;
    if (isWorkingDay(jakartaDate(new Date(at)), holidays)) counted++;
  }
  return new Date(at);
}
