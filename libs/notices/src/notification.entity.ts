import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message caused by one step of a ticket: the reporter's acknowledgement (delivered by the
 * channel's gateway) or a unit's notice of an assignment or an escalation (delivered by the
 * notification job to the unit's webhook, or logged). `dedupeKey` is unique, and the row is
 * written in the same statement or transaction as the step, so nothing is sent twice for one
 * event, whatever the retries.
 */
@Entity('notifications')
@Index('ux_notifications_dedupe_key', ['dedupeKey'], { unique: true })
@Index('ix_notifications_status', ['status', 'createdAt'])
@Index('ix_notifications_reporter', ['complaintId', 'sequence'], {
  where: '"recipient_unit_code" IS NULL',
})
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  /** To a unit: assignment, reopened, escalation. To the reporter: acknowledgement, placed, done, rejected, reopened, prelist. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** `acknowledgement:<complaint>` or `event:<event id>:<unit>`. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120 })
  dedupeKey: string;

  /** The reporter's channel, for acknowledgements. */
  @Column({ name: 'channel_code', type: 'varchar', length: 32, nullable: true })
  channelCode: string | null;

  /** The unit told, for assignments and escalations. */
  @Column({ name: 'recipient_unit_code', type: 'varchar', length: 40, nullable: true })
  recipientUnitCode: string | null;

  @Column({ type: 'text' })
  message: string;

  /**
   * How it travels: `webhook` (a unit's), or the reporter's way back — `jaki`, `lapor`, `sms`,
   * `email`, or `reply` (a task for the channel's operator).
   */
  @Column({ type: 'varchar', length: 16, default: 'webhook' })
  delivery: string;

  /** The ticket's status after the step the notice tells of (the reporter's receivers get it). */
  @Column({ name: 'ticket_status', type: 'varchar', length: 24, nullable: true })
  ticketStatus: string | null;

  /**
   * A reporter's notice's place among the ticket's (its event's id × 10 + its place among the
   * event's notices): the order they go out in, and the `version` receivers see.
   */
  @Column({ type: 'bigint', nullable: true })
  sequence: string | null;

  /** Set while one job is sending it, so that two never send it at once. */
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /**
   * A unit's notice: pending → delivered (webhook answered 2xx) | logged (no webhook) | failed.
   * The reporter's: pending → sent | not_configured (no gateway) | failed (retries spent).
   */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
