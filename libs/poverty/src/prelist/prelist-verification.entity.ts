import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The agencies that verify a prelist entry (§3.1.3): field, social and population records. */
export const VERIFYING_AGENCIES = ['dppapp', 'dinsos', 'disdukcapil'] as const;
export type VerifyingAgency = (typeof VERIFYING_AGENCIES)[number];

export const VERIFICATION_RESULTS = [
  'ditemukan',
  'meninggal',
  'pindah',
  'tidak_ditemukan',
] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/**
 * One member's own result in a verification: a death or a move concerns a person (75/2023
 * §3.1.2.d: Disdukcapil updates births, deaths and moves; Tabel 3.5 column (8) per person).
 * `member` is the member's place in the household as the form lists it (0 = the head).
 */
export interface MemberVerification {
  member: number;
  result: VerificationResult;
  correctedNikEncrypted: string | null;
}

/** One agency's verification of a prelist entry; recording it again replaces it. */
@Entity('prelist_verifications')
@Index('ux_prelist_verifications_entry_agency', ['entryId', 'agency'], { unique: true })
@Check('ck_prelist_verifications_agency', `agency IN ('dppapp', 'dinsos', 'disdukcapil')`)
@Check(
  'ck_prelist_verifications_result',
  `result IN ('ditemukan', 'meninggal', 'pindah', 'tidak_ditemukan')`,
)
export class PrelistVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ type: 'varchar', length: 16 })
  agency: VerifyingAgency;

  @Column({ type: 'varchar', length: 16 })
  result: VerificationResult;

  /** The NIK as the population records have it, when the application's was wrong */
  @Column({ name: 'corrected_nik_encrypted', type: 'text', nullable: true })
  correctedNikEncrypted: string | null;

  @Column({ type: 'text' })
  note: string;

  /** Results of single members that differ from the household's (a death, a move) */
  @Column({ name: 'member_results', type: 'jsonb', default: () => "'[]'" })
  memberResults: MemberVerification[];

  @Column({ name: 'verified_by', type: 'varchar', length: 200 })
  verifiedBy: string;

  @CreateDateColumn({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt: Date;
}
