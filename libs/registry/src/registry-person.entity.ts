import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One person of the P3KE/DTKS registry, as imported. NIK and KK number are stored encrypted
 * (AES-256-GCM) with keyed hashes for lookup and matching; nothing here holds them in plain text.
 * `rowHash` (keyed) tells whether a re-imported row changed, so re-importing a file writes nothing.
 */
@Entity('registry_people')
@Index('ux_registry_people_person', ['p3keIndividualId'], { unique: true })
@Index('ix_registry_people_nik_hash', ['nikHash'])
@Index('ix_registry_people_kk_hash', ['kkHash'])
@Index('ix_registry_people_family', ['p3keFamilyId'])
@Check('ck_registry_people_sex', `sex IN ('L', 'P')`)
@Check('ck_registry_people_decile', 'decile IS NULL OR decile BETWEEN 1 AND 10')
export class RegistryPerson {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'p3ke_family_id', type: 'varchar', length: 40 })
  p3keFamilyId: string;

  @Column({ name: 'p3ke_individual_id', type: 'varchar', length: 40 })
  p3keIndividualId: string;

  @Column({ name: 'nik_encrypted', type: 'text' })
  nikEncrypted: string;

  @Column({ name: 'nik_hash', type: 'char', length: 64 })
  nikHash: string;

  @Column({ name: 'kk_encrypted', type: 'text' })
  kkEncrypted: string;

  @Column({ name: 'kk_hash', type: 'char', length: 64 })
  kkHash: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 1 })
  sex: 'L' | 'P';

  /** Relationship to the head of the family, as the registry writes it (Kepala Keluarga, Istri, Anak, …) */
  @Column({ type: 'varchar', length: 60 })
  relationship: string;

  @Column({ name: 'kelurahan_code', type: 'varchar', length: 13 })
  kelurahanCode: string;

  /** Welfare decile (desil), 1 = poorest */
  @Column({ type: 'smallint', nullable: true })
  decile: number | null;

  /** Central government programmes the person receives (empty: none) */
  @Column({ name: 'central_programmes', type: 'text', array: true, default: () => "'{}'" })
  centralProgrammes: string[];

  /** DKI Jakarta's own programmes the person receives */
  @Column({ name: 'regional_programmes', type: 'text', array: true, default: () => "'{}'" })
  regionalProgrammes: string[];

  @Column({ name: 'row_hash', type: 'char', length: 64 })
  rowHash: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
