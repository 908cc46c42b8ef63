import { TicketFacts } from '../facts/ticket-facts';

/**
 * Complaints by who reported them (Kepsekda 75/2023 §2.4.2.4): every type listed, zeros
 * included. Not suppressed: it tells how complaints arrived, not who a person is — an
 * organisation or a government unit is no one to protect, and the persons are the remainder of
 * the total shown anyway.
 */
export function byReporterType(facts: TicketFacts, selection: Uint32Array): Record<string, number> {
  const counts = new Uint32Array(facts.reporterTypes.size);
  const { reporterType } = facts;
  for (let s = 0; s < selection.length; s++) counts[reporterType[selection[s]]]++;
  const result: Record<string, number> = {};
  for (let n = 1; n < facts.reporterTypes.size; n++) {
    result[facts.reporterTypes.codes[n]] = counts[n];
  }
  return result;
}
