import { DataSource } from 'typeorm';
import { TicketFacts } from '../facts/ticket-facts';
import {
  AGE_GROUPS,
  ageGroupNumberOf,
  ageGroupOf,
  disabilityOf,
  FOLLOW_ON,
  PERSON,
  SEXES,
  sexOf,
} from '../facts/reporter-profile';
import { protectTable, Shown } from './small-counts';
import { TicketFilter } from './ticket-selection';

/** The category of the poverty path (flow 4): complaints of people not yet in the database. */
export const POVERTY_PATH_CATEGORY = 'belum-terdata';
const UNKNOWN = 'unknown';

/** People of one group by sex, age group and disability, each breakdown suppressed on its own. */
export interface GroupBreakdown {
  total: Shown;
  bySex: Record<string, Shown>;
  byAgeGroup: Record<string, Shown>;
  byDisability: Record<string, Shown>;
}

/** Kepsekda 75/2023 §3.6.2.g: gender and vulnerable groups, for the poverty path. */
export interface PeopleByGroup {
  /** Persons who reported a poverty-path complaint (one per complaint) */
  complaints: GroupBreakdown;
  /** Members of the households put on the prelist */
  prelist: GroupBreakdown;
}

/** Counts by sex, age group and disability; number 0 of each is "unknown". */
class Tally {
  total = 0;
  readonly sex = new Uint32Array(SEXES.length + 1);
  readonly age = new Uint32Array(AGE_GROUPS.length + 1);
  readonly disability = new Uint32Array(3);

  add(sex: number, age: number, disability: number, n = 1): void {
    this.total += n;
    this.sex[sex] += n;
    this.age[age] += n;
    this.disability[disability] += n;
  }

  /** Each one-way table protected on its own (no cross-tabulation is published). */
  protected(): GroupBreakdown {
    const named = (codes: readonly string[], counts: Uint32Array) => ({
      ...Object.fromEntries(codes.map((code, n) => [code, counts[n + 1]])),
      [UNKNOWN]: counts[0],
    });
    const bySex = protectTable(this.total, named(SEXES, this.sex));
    const byAge = protectTable(this.total, named(AGE_GROUPS, this.age));
    const byDisability = protectTable(this.total, named(['no', 'yes'], this.disability));
    return {
      total: bySex.total,
      bySex: bySex.cells,
      byAgeGroup: byAge.cells,
      byDisability: byDisability.cells,
    };
  }
}

/**
 * The persons who reported the selected poverty-path complaints, from the ticket index: an
 * organisation or a government unit is not counted, nor an emergency's own ticket (its reporter
 * is counted with the complaint it came from). One pass, synchronous: call it before awaiting.
 */
export function complaintGroups(facts: TicketFacts, selection: Uint32Array): Tally {
  const tally = new Tally();
  const poverty = facts.categories.find(POVERTY_PATH_CATEGORY);
  if (poverty === undefined) return tally;
  const { category, reporterProfile } = facts;
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s];
    const profile = reporterProfile[i];
    if (category[i] !== poverty || !(profile & PERSON) || profile & FOLLOW_ON) continue;
    tally.add(sexOf(profile), ageGroupNumberOf(profile), disabilityOf(profile));
  }
  return tally;
}

/**
 * The members of the households put on the prelist in the range and region, by sex, age when
 * prelisted (from the form's birth date, which agrees with the NIK) and disability as recorded.
 * Only counts leave PostgreSQL.
 */
const PRELIST_MEMBERS_SQL = `
  SELECT m->>'sex' AS sex,
         -- A stored form that is not a date counts as unknown rather than failing every answer.
         CASE WHEN m->>'birthDate' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
           extract(year FROM age((e.created_at AT TIME ZONE 'Asia/Jakarta')::date,
                                 (m->>'birthDate')::date))::int END AS age,
         (m->'disability')::text AS disability,
         count(*)::int AS n
    FROM prelist_entries e
    JOIN applications a ON a.id = e.application_id
    CROSS JOIN LATERAL jsonb_array_elements(a.members) m
   WHERE e.created_at >= to_timestamp($1) AND e.created_at < to_timestamp($2)
     AND ($3::text[] IS NULL OR e.kelurahan_code = ANY($3))
   GROUP BY 1, 2, 3`;

async function prelistGroups(
  dataSource: DataSource,
  facts: TicketFacts,
  filter: TicketFilter,
): Promise<Tally> {
  const kelurahan = filter.kelurahan
    ? facts.kelurahan.codes.filter((_, k) => filter.kelurahan![k])
    : null;
  const rows = (await dataSource.query(PRELIST_MEMBERS_SQL, [
    filter.from,
    Math.min(filter.to, 253402300799),
    kelurahan,
  ])) as { sex: string | null; age: number | null; disability: string | null; n: number }[];
  const tally = new Tally();
  for (const row of rows) {
    const sex = SEXES.indexOf(row.sex as (typeof SEXES)[number]) + 1;
    const age = row.age === null ? 0 : AGE_GROUPS.indexOf(ageGroupOf(row.age)) + 1;
    const disability = row.disability === 'true' ? 2 : row.disability === 'false' ? 1 : 0;
    tally.add(sex, age, disability, row.n);
  }
  return tally;
}

/**
 * The figures by sex, age group and disability of the poverty path. `complaints` is the tally
 * read from the index (complaintGroups) before any await; the prelist is read here.
 */
export async function peopleByGroup(
  dataSource: DataSource,
  facts: TicketFacts,
  filter: TicketFilter,
  complaints: Tally,
): Promise<PeopleByGroup> {
  const prelist = await prelistGroups(dataSource, facts, filter);
  return { complaints: complaints.protected(), prelist: prelist.protected() };
}
