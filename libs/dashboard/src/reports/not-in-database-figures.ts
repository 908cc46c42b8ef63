import { DataSource } from 'typeorm';
import { EMERGENCY, TicketFacts } from '../facts/ticket-facts';
import { TicketFilter } from './ticket-selection';

export interface NotInDatabaseFigures {
  /** Complaints whose reporter Diskominfo checked against the registry, by outcome. */
  checked: number;
  registeredReceiving: number;
  registeredNotReceiving: number;
  notRegistered: number;
  /** Emergency handling tickets opened from triage. */
  emergencies: number;
  applications: number;
  prelisted: number;
  prelistedEmergency: number;
  /** Field verification results by agency visit (ditemukan, meninggal, pindah, tidak_ditemukan). */
  verification: Record<string, number>;
  musyawarah: { eligible: number; notEligible: number };
}

const ROW_SQL = `
  WITH entries AS (
    SELECT id, emergency, muskel_eligible FROM prelist_entries
     WHERE created_at >= to_timestamp($1) AND created_at < to_timestamp($2)
       AND ($3::text[] IS NULL OR kelurahan_code = ANY($3)))
  SELECT
    (SELECT count(*)::int FROM applications
      WHERE submitted_at >= to_timestamp($1) AND submitted_at < to_timestamp($2)
        AND ($3::text[] IS NULL OR kelurahan_code = ANY($3))) AS applications,
    (SELECT count(*)::int FROM entries) AS prelisted,
    (SELECT count(*)::int FROM entries WHERE emergency) AS prelisted_emergency,
    (SELECT count(*)::int FROM entries WHERE muskel_eligible) AS eligible,
    (SELECT count(*)::int FROM entries WHERE NOT muskel_eligible) AS not_eligible,
    (SELECT coalesce(jsonb_object_agg(result, n), '{}') FROM (
       SELECT v.result, count(*)::int AS n
         FROM prelist_verifications v JOIN entries e ON e.id = v.entry_id
        GROUP BY v.result) r) AS verification`;

/**
 * The not-in-database path in numbers (flow 4): the registry checks come from the ticket index,
 * the applications and prelist from their own (small) tables, filtered by time and region.
 */
export async function notInDatabaseFigures(
  dataSource: DataSource,
  facts: TicketFacts,
  filter: TicketFilter,
  selection: Uint32Array,
): Promise<NotInDatabaseFigures> {
  const byRegistry = new Uint32Array(facts.registry.size);
  let emergencies = 0;
  const { registryStatus, flags } = facts;
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s];
    byRegistry[registryStatus[i]]++;
    if (flags[i] & EMERGENCY) emergencies++;
  }
  const kelurahan = filter.kelurahan
    ? facts.kelurahan.codes.filter((_, k) => filter.kelurahan![k])
    : null;
  const [row] = (await dataSource.query(ROW_SQL, [
    filter.from,
    Math.min(filter.to, 253402300799),
    kelurahan,
  ])) as {
    applications: number;
    prelisted: number;
    prelisted_emergency: number;
    eligible: number;
    not_eligible: number;
    verification: Record<string, number>;
  }[];
  const registry = (code: string) => byRegistry[facts.registry.find(code)!];
  return {
    checked: selection.length - byRegistry[0],
    registeredReceiving: registry('registered_receiving'),
    registeredNotReceiving: registry('registered_not_receiving'),
    notRegistered: registry('not_registered'),
    emergencies,
    applications: row.applications,
    prelisted: row.prelisted,
    prelistedEmergency: row.prelisted_emergency,
    verification: row.verification,
    musyawarah: { eligible: row.eligible, notEligible: row.not_eligible },
  };
}
