import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One member of the household on an application form; the NIK encrypted with a lookup hash, or
 * none for a member without a NIK (flagged `withoutNik`: Disdukcapil registers them).
 */
export interface ApplicationMember {
  nikEncrypted: string | null;
  nikHash: string | null;
  withoutNik?: boolean;
  name: string;
  relation: string;
  sex: 'L' | 'P';
  birthDate: string;
  /** Recorded when the form says so (the figures by disability, §3.6.2.g); absent: not recorded */
  disability?: boolean;
}

export interface TriageSuggestion {
  emergency: boolean;
  povertyLevel: 'ekstrem' | 'miskin' | 'tidak_miskin';
  /** Monthly household expenditure per person, rupiah */
  perCapitaExpenditure: number;
}

/**
 * The application form of a reporter not in the P3KE registry (flow 4, step 4): the household,
 * its expenditure and its acute conditions, with the service's triage suggestion.
 */
@Entity('applications')
@Index('ux_applications_complaint', ['complaintId'], { unique: true })
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for a household the Musyawarah Kelurahan added (§3.1.3.4.g): no complaint behind it */
  @Column({ name: 'complaint_id', type: 'uuid', nullable: true })
  complaintId: string | null;

  /** Null for a household without a family card (one with a member without a NIK may have none) */
  @Column({ name: 'kk_encrypted', type: 'text', nullable: true })
  kkEncrypted: string | null;

  @Column({ name: 'kk_hash', type: 'char', length: 64, nullable: true })
  kkHash: string | null;

  @Column({ type: 'text' })
  address: string;

  @Column({ name: 'kelurahan_code', type: 'varchar', length: 13 })
  kelurahanCode: string;

  /** Whole household, rupiah per month */
  @Column({ name: 'monthly_expenditure', type: 'bigint' })
  monthlyExpenditure: string;

  @Column({ type: 'jsonb' })
  members: ApplicationMember[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  conditions: string[];

  @Column({ type: 'jsonb' })
  suggestion: TriageSuggestion;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200 })
  submittedBy: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
