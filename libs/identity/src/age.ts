/** Jakarta is UTC+07:00 all year: a birthday begins at local midnight. */
const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/**
 * Age in whole years on the Jakarta day of `on`, of someone born on `birthDate` (YYYY-MM-DD, as
 * a NIK or a form gives it). Someone born on 29 February turns a year older on 1 March in a
 * common year.
 */
export function ageOn(birthDate: string, on: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const local = new Date(on.getTime() + JAKARTA_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const hadBirthday = m > month || (m === month && d >= day);
  return Math.max(0, y - year - (hadBirthday ? 0 : 1));
}
