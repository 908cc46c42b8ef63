import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message to a reporter, written once per (complaint, kind) — in the same statement as the step
 * that causes it — for the channel's gateway (JAKI, SMS, e-mail) to deliver and mark delivered.
 * The unique index makes "sent exactly once" hold across job retries.
 */
@Entity('notifications')
@Index('ux_notifications_complaint_kind', ['complaintId', 'kind'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  /** acknowledgement, routed, … */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'channel_code', type: 'varchar', length: 32 })
  channelCode: string;

  @Column({ type: 'text' })
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
