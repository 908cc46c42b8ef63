import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Region } from '../regions/region.entity';

/**
 * kelurahan/kecamatan/kota: the regional offices; pd: a provincial agency (perangkat daerah);
 * ukpd: a unit of an agency; bumd: a province-owned company; mitra: a non-government partner.
 */
export const UNIT_TYPES = [
  'kelurahan',
  'kecamatan',
  'kota',
  'pd',
  'ukpd',
  'bumd',
  'mitra',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** An office that can hold tickets. Regional offices use their region's Kemendagri code. */
@Entity('units')
@Check('ck_units_type', `type IN ('kelurahan', 'kecamatan', 'kota', 'pd', 'ukpd', 'bumd', 'mitra')`)
@Index('ix_units_type', ['type'])
@Index('ix_units_parent', ['parentCode'])
export class Unit {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: UnitType;

  /** The unit a missed deadline escalates to (kelurahan → kecamatan → kota). */
  @Column({ name: 'parent_code', type: 'varchar', length: 40, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Unit | null;

  @Column({ name: 'region_code', type: 'varchar', length: 13, nullable: true })
  regionCode: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Where the unit wants assignment and escalation notices (HTTPS); logged when unset. */
  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl: string | null;

  /** HMAC-SHA256 key that signs those notices (`X-Crm-Signature`), set with the URL. */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true })
  webhookSecret: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
