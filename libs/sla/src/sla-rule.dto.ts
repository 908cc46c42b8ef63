import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LOCAL_DECISION } from './sla-rule.entity';

const CLOCKS = ['forward', 'respond', 'coordinate', 'resolve', 'validate'] as const;
const UNIT_TYPES = ['diskominfo', 'kelurahan', 'kecamatan', 'kota', 'pd', 'ukpd', 'bumd'] as const;
const MEASURES = ['hours', 'days', 'working_days'] as const;

/** A deadline rule (docs/lifecycle.md): how long a clock may run for a unit type and category. */
export class SlaRuleDto {
  /**
   * The clock the rule sets
   * @example "respond"
   */
  @IsIn(CLOCKS)
  clock: (typeof CLOCKS)[number];

  /**
   * The type of unit holding the ticket
   * @example "kelurahan"
   */
  @IsIn(UNIT_TYPES)
  unitType: (typeof UNIT_TYPES)[number];

  /**
   * A category code, or `*` for every category: the default, also when given as null
   * @example "*"
   */
  // An admin sending null means "no particular category", as omitting the field does; stored,
  // null would break the NOT NULL column (a 500).
  @Transform(({ value }: { value: unknown }) => value ?? '*')
  @IsOptional()
  @IsString()
  @Length(1, 40)
  categoryCode: string = '*';

  /**
   * How many of `measure`
   * @example 3
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  amount: number;

  /**
   * The unit of `amount`
   * @example "working_days"
   */
  @IsIn(MEASURES)
  measure: (typeof MEASURES)[number];

  /**
   * The rule's wording: what it sets and why
   * @example "Tindak lanjut oleh kelurahan dalam 3 hari kerja (SE Sekda 61/2018)"
   */
  @IsString()
  @Length(3, 500)
  legalBasis: string;

  /**
   * The rule the deadline comes from (e.g. `SE Sekda 61/2018`), or `local decision` — the
   * default: a rule set without citing one is the administration's own decision
   * @example "SE Sekda 61/2018"
   */
  @IsOptional()
  @IsString()
  @Length(3, 200)
  source: string = LOCAL_DECISION;
}
