import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One deadline rule: how long a clock runs for a unit type, optionally for one category (a
 * category-specific rule wins over the general one). Seeded from Jakarta's rules (SE Sekda
 * 61/2018, SE Sekda 40/2019, Kepsekda 75/2023) and editable in the database.
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
}
