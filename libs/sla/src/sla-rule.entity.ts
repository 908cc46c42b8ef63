import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The `source` of a deadline no rule sets: the project's (or an admin's) own decision. */
export const LOCAL_DECISION = 'local decision';

/**
 * One deadline rule: how long a clock runs for a unit type, optionally for one category (a
 * category-specific rule wins over the general one). Seeded from Jakarta's rules (SE Sekda
 * 61/2018, SE Sekda 40/2019), SP4N-LAPOR! and local decisions — Kepsekda 75/2023 sets none — and editable in the database.
 */
@Entity('sla_rules')
@Index('ux_sla_rules_scope', ['clock', 'unitType', 'categoryCode'], { unique: true })
@Check('ck_sla_rules_clock', `clock IN ('forward', 'respond', 'coordinate', 'resolve', 'validate')`)
@Check('ck_sla_rules_measure', `measure IN ('hours', 'days', 'working_days')`)
export class SlaRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  clock: string;

  /** kelurahan, kecamatan, kota, pd, ukpd, bumd; `diskominfo` for Diskominfo's own clocks. */
  @Column({ name: 'unit_type', type: 'varchar', length: 16 })
  unitType: string;

  /** A category code, or `*` for every category. */
  @Column({ name: 'category_code', type: 'varchar', length: 40, default: '*' })
  categoryCode: string;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'varchar', length: 16 })
  measure: 'hours' | 'days' | 'working_days';

  /** The rule's source, shown in docs and to admins. */
  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;

  /**
   * The rule the deadline comes from (`SE Sekda 61/2018`, `SE Sekda 40/2019`, `SP4N-LAPOR!`), or
   * `local decision` where none among the project's sources sets it (docs/lifecycle.md).
   */
  @Column({ type: 'text', default: LOCAL_DECISION })
  source: string;
}
