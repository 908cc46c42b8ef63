import type { MultiPolygon, Polygon } from 'geojson';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const REGION_LEVELS = ['provinsi', 'kota', 'kecamatan', 'kelurahan'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * An administrative region of DKI Jakarta with its Kemendagri code (`31`, `31.71`, `31.71.01`,
 * `31.71.01.1001`). "Kota" covers the five kota administrasi and the kabupaten administrasi
 * Kepulauan Seribu. Only kelurahan carry a boundary.
 */
@Entity('regions')
@Check('ck_regions_level', `level IN ('provinsi', 'kota', 'kecamatan', 'kelurahan')`)
@Index('ix_regions_level', ['level'])
@Index('ix_regions_parent', ['parentCode'])
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  level: RegionLevel;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 13, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Region | null;

  /** GeoJSON geometry in WGS84, `[lon, lat]` (kelurahan only). */
  @Column({ type: 'jsonb', nullable: true })
  geometry: Polygon | MultiPolygon | null;
}
