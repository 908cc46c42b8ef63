import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A unit's report of what it did (tindak lanjut), and Diskominfo's decision on it. */
@Entity('follow_ups')
@Index('ix_follow_ups_complaint', ['complaintId', 'submittedAt'])
// Its note's words, for the list's search (an expression index, migration TicketSearch).
@Index('ix_follow_ups_search', { synchronize: false })
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 40 })
  unitCode: string;

  @Column({ type: 'text' })
  note: string;

  /** Links to photos or documents showing the work. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence: string[];

  /** The ticket's attachments this follow-up shows (photos of the work: docs/evidence.md). */
  @Column({ name: 'attachment_ids', type: 'jsonb', default: () => `'[]'` })
  attachmentIds: string[];

  /** When the work was done, as the unit reports it. */
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200 })
  submittedBy: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'varchar', length: 8, nullable: true })
  decision: 'approve' | 'reject' | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
