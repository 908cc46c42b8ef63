/**
 * Who may report (Kepsekda 75/2023 §2.4.2.4): a person, a civil-society organisation or a
 * government unit. A reporter whose client says nothing is a person — every complaint before the
 * type existed, and every client that has not learnt it.
 */
export const REPORTER_TYPES = ['person', 'organisation', 'government-unit'] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];
export const DEFAULT_REPORTER_TYPE: ReporterType = 'person';
