import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One member of the household on an application form; the NIK encrypted with a lookup hash. */
export interface ApplicationMember {
  nikEncrypted: string;
  nikHash: string;
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

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @Column({ name: 'kk_encrypted', type: 'text' })
  kkEncrypted: string;

  @Column({ name: 'kk_hash', type: 'char', length: 64 })
  kkHash: string;

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
