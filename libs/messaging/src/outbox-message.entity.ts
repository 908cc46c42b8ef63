import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '@crm/core';

/**
 * Work to hand to a Bull queue, written in the same transaction as the change that needs it, so
 * an acknowledged complaint is never without its follow-up work even when Redis is down.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_pending', ['id'], { where: '"relayed_at" IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 40 })
  jobName: string;

  /** Deterministic Bull job id: relaying the same message twice adds the job once. */
  @Column({ name: 'job_id', type: 'varchar', length: 120 })
  jobId: string;

  @Column({ type: 'jsonb' })
  payload: JsonObject;

  /** For a delayed job (an SLA deadline): Bull runs it no earlier than this. */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;
}
