import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/**
 * A day on which government offices are closed, besides Saturdays and Sundays: a national
 * public holiday or a *cuti bersama* (collective leave). Working-day deadlines skip these.
 */
@Entity('holidays')
@Check('ck_holidays_kind', `kind IN ('libur_nasional', 'cuti_bersama')`)
export class Holiday {
  /** The calendar date in Jakarta, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: HolidayKind;

  /** The decree that sets the day, or who added it. */
  @Column({ name: 'legal_basis', type: 'varchar', length: 200 })
  legalBasis: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
