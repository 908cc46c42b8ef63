/**
 * A reporter's facts for the figures by sex, age group and disability (Kepsekda 75/2023
 * §3.6.2.g), packed into one byte of the ticket index: never a birth date or an exact age, only
 * the group. Each part's 0 means unknown (no NIK, not recorded, or not a person).
 */

/**
 * The age groups (docs/dashboard.md): children under 18 (UU 35/2014 on child protection, art.
 * 1(1)), elderly from 60 (UU 13/1998 on the welfare of the elderly, art. 1(2)), and the adults
 * between them — the groups §3.6.2.g names (anak, lansia). Cutting the range into these three
 * is a local decision: fewer, larger groups leave fewer cells under 5.
 */
export const AGE_GROUPS = ['anak', 'dewasa', 'lansia'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroupOf(age: number): AgeGroup {
  if (age < 18) return 'anak';
  if (age < 60) return 'dewasa';
  return 'lansia';
}

export const SEXES = ['L', 'P'] as const;

/** Bits of the profile byte. */
const SEX_SHIFT = 0; // 0 unknown, 1 L, 2 P
const AGE_SHIFT = 2; // 0 unknown, 1 + index in AGE_GROUPS
const DISABILITY_SHIFT = 4; // 0 not recorded, 1 no, 2 yes
/** A ticket opened for another (an emergency's own ticket): its reporter is counted there. */
export const FOLLOW_ON = 1 << 6;
/** Whoever reported is a person (reporter type `person`). */
export const PERSON = 1 << 7;

/**
 * The byte for the text fields the index reads: the reporter type, `L`/`P`/'', the age in
 * years or '', disability `1`/`0`/'', and `1` for a ticket opened for another.
 */
export function packProfile(
  reporterType: string,
  sex: string,
  age: string,
  disability: string,
  followOn: string,
): number {
  const person = reporterType === 'person';
  let profile = (person ? PERSON : 0) | (followOn === '1' ? FOLLOW_ON : 0);
  if (!person) return profile;
  if (sex === 'L' || sex === 'P') profile |= (SEXES.indexOf(sex) + 1) << SEX_SHIFT;
  if (age !== '') profile |= (AGE_GROUPS.indexOf(ageGroupOf(Number(age))) + 1) << AGE_SHIFT;
  if (disability !== '') profile |= (disability === '1' ? 2 : 1) << DISABILITY_SHIFT;
  return profile;
}

export const sexOf = (profile: number) => (profile >> SEX_SHIFT) & 3;
export const ageGroupNumberOf = (profile: number) => (profile >> AGE_SHIFT) & 3;
export const disabilityOf = (profile: number) => (profile >> DISABILITY_SHIFT) & 3;
