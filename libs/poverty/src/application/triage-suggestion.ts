import type { TriageSuggestion } from './application.entity';

/** The poverty lines a suggestion compares with, rupiah per person per month. */
export interface PovertyLines {
  /** BPS' extreme-poverty line (Rp 322.170, 75/2023 via BPS 2022). */
  extreme: number;
  /** DKI Jakarta's poverty line (Rp 738.955, March 2022). */
  dki: number;
}

/**
 * The service's suggestion for Diskominfo's triage (flow 4, step 4): an emergency when the form
 * names any acute condition, and the household's poverty level from its spending per person.
 * Diskominfo decides; this only suggests.
 */
export function suggestTriage(
  monthlyExpenditure: number,
  people: number,
  conditions: readonly string[],
  lines: PovertyLines,
): TriageSuggestion {
  const perCapitaExpenditure = Math.floor(monthlyExpenditure / people);
  return {
    emergency: conditions.length > 0,
    povertyLevel:
      perCapitaExpenditure <= lines.extreme
        ? 'ekstrem'
        : perCapitaExpenditure <= lines.dki
          ? 'miskin'
          : 'tidak_miskin',
    perCapitaExpenditure,
  };
}
