/**
 * Cycles of the target data set (Kepsekda 75/2023 §3.1.4): it is determined at least twice a
 * year (a), and the verification's updates reach Diskominfo at least two months before (b). A
 * cycle is named by its determination date; its cut-off is two months before it. Which dates is a
 * local decision (`PRELIST_DETERMINATION_DATES`, MM-DD, 06-30 and 12-31 by default). Dates are
 * Jakarta's (UTC+07:00): an entry sent on the cut-off day makes that cycle.
 */
export interface PrelistCycle {
  /** The determination date, YYYY-MM-DD: the cycle's name */
  id: string;
  determination: string;
  /** The last day an entry may be sent to be counted in this cycle (two months before) */
  cutOff: string;
}

const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/** The cycle of a determination date (YYYY-MM-DD). */
export function cycleOf(determination: string): PrelistCycle {
  return { id: determination, determination, cutOff: twoMonthsBefore(determination) };
}

/** The first cycle whose cut-off is on or after `at` (Jakarta's date): where an entry ready then goes. */
export function cycleFor(at: Date, dates: readonly string[]): PrelistCycle {
  const day = jakartaDate(at);
  const year = Number(day.slice(0, 4));
  for (const y of [year, year + 1, year + 2]) {
    for (const monthDay of [...dates].sort()) {
      const cycle = cycleOf(`${y}-${validDay(y, monthDay)}`);
      if (cycle.cutOff >= day) return cycle;
    }
  }
  throw new Error('no cycle within two years: PRELIST_DETERMINATION_DATES is empty');
}

/** The cycles of one year and the next, in order. */
export function cyclesFrom(year: number, dates: readonly string[]): PrelistCycle[] {
  return [year, year + 1].flatMap((y) =>
    [...dates].sort().map((monthDay) => cycleOf(`${y}-${validDay(y, monthDay)}`)),
  );
}

export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The end of a Jakarta day, as an instant. */
export function endOfJakartaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000 - JAKARTA_OFFSET_MS - 1);
}

/** Two months before a date, on the same day or the month's last (12-31 → 10-31, 04-30 → 02-28). */
function twoMonthsBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 3, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** 02-29 in a year without it is 02-28. */
function validDay(year: number, monthDay: string): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-29' && !leap ? '02-28' : monthDay;
}

/**
 * The cycle an entry counts in now: the one it was sent in; else its own while its cut-off has
 * not passed, else the current one — it waits for the next, and `carriedOverFrom` says which
 * cycle it missed.
 */
export function countedCycle(
  entry: { cycleId: string; sentCycleId: string | null },
  current: PrelistCycle,
): PrelistCycle & { carriedOverFrom: string | null } {
  const id = entry.sentCycleId ?? (entry.cycleId >= current.id ? entry.cycleId : current.id);
  return { ...cycleOf(id), carriedOverFrom: id === entry.cycleId ? null : entry.cycleId };
}

/** The same in SQL over `e`, given the current cycle's id as a parameter. */
export function countedCycleSql(current: string): string {
  return `coalesce(e.sent_cycle_id, greatest(e.cycle_id, ${current}::date))`;
}
