import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from './complaint.entity';
import type { JsonObject } from '@crm/core';

/**
 * One entry of a ticket's history: who did what, when, and why. Rows are only ever added: a
 * trigger (migration TicketLifecycle) makes PostgreSQL refuse UPDATE, DELETE and TRUNCATE.
 */
@Entity('complaint_events')
@Index('ix_complaint_events_complaint', ['complaintId', 'id'])
// Who ever held a ticket (expression indexes, created by migration UnitScopeIndexes).
@Index('ix_complaint_events_to_unit', { synchronize: false })
@Index('ix_complaint_events_escalated_to', { synchronize: false })
// Partial, for the dashboard's reopen rates (migration ReporterAnswerIndexes).
@Index('ix_complaint_events_reopened', { synchronize: false })
// Partial, for searching the words of internal notes (migration DeskActions).
@Index('ix_complaint_events_note_search', { synchronize: false })
export class ComplaintEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: Complaint;

  /** received, assigned, routed, held-for-review, … */
  @Column({ type: 'varchar', length: 40 })
  type: string;

  /** The token's `sub`; `system` for the service's own steps. */
  @Column({ name: 'actor_sub', type: 'varchar', length: 200 })
  actorSub: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ name: 'actor_unit', type: 'varchar', length: 40, nullable: true })
  actorUnit: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: JsonObject;

  /** The HTTP request that caused it (`X-Request-Id`), to match logs; null for system steps. */
  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
