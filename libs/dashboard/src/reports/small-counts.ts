/**
 * Counts of people under this are never shown (Kepsekda 75/2023 §3.6.2.g: no one may be
 * identifiable from the figures by sex, age group and disability).
 */
export const SMALL_COUNT = 5;

/** What a suppressed figure says instead of its number. */
export const SUPPRESSED = 'suppressed';
export type Shown = number | typeof SUPPRESSED;

/** One breakdown of a group of people: its cells add up to `total`. */
export interface ProtectedTable {
  total: Shown;
  cells: Record<string, Shown>;
}

/**
 * Suppresses a one-way table of counts of people (docs/dashboard.md, "Small counts"):
 *
 * 1. every cell under 5 — zero included — is suppressed (primary suppression);
 * 2. while the suppressed cells are just one, or add up to under 5, the smallest shown cell is
 *    suppressed too (secondary suppression): otherwise `total − shown cells` would give the one
 *    suppressed cell, or a sum under 5, back;
 * 3. the total is suppressed when it is under 5 (then so is every cell).
 *
 * The total itself is never the complementary suppression: it is the same group's size that
 * other figures show anyway (a category's count, the prelisted households' members), so hiding
 * it here would protect nothing.
 */
export function protectTable(total: number, cells: Record<string, number>): ProtectedTable {
  const keys = Object.keys(cells);
  const hidden = new Set(keys.filter((key) => cells[key] < SMALL_COUNT));
  if (total < SMALL_COUNT) keys.forEach((key) => hidden.add(key));
  const hiddenSum = () => [...hidden].reduce((sum, key) => sum + cells[key], 0);
  while (hidden.size > 0 && (hidden.size === 1 || hiddenSum() < SMALL_COUNT)) {
    const shown = keys.filter((key) => !hidden.has(key));
    if (!shown.length) break;
    // The smallest first: it gives away least; ties by the table's order, so answers are stable.
    const next = shown.reduce((min, key) => (cells[key] < cells[min] ? key : min));
    hidden.add(next);
  }
  return {
    total: total < SMALL_COUNT ? SUPPRESSED : total,
    cells: Object.fromEntries(keys.map((key) => [key, hidden.has(key) ? SUPPRESSED : cells[key]])),
  };
}
