import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Category, Channel, Region, Unit } from '@crm/reference';
import { TicketStatus, LocationMethod, TicketPriority } from './ticket-status';
import { DEFAULT_REPORTER_TYPE, ReporterType } from './reporter';

export interface PossibleDuplicate {
  id: string;
  trackingNumber: string;
  reason: 'nearby-same-category' | 'same-reporter-same-category';
}

/**
 * A complaint (ticket). Idempotency lives in the unique indexes: one ticket per
 * (channel, externalId) and per (caller, Idempotency-Key), so concurrent duplicates collide in
 * PostgreSQL instead of racing past a read. NIK and phone are stored encrypted with a keyed hash
 * for matching; the other reporter fields are masked on the way out.
 */
@Entity('complaints')
@Index('ux_complaints_channel_external_id', ['channelCode', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
@Index('ux_complaints_caller_idempotency_key', ['createdBy', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@Index('ix_complaints_status', ['status'])
@Index('ix_complaints_assigned_unit', ['assignedUnitCode'])
@Index('ix_complaints_escalated_to_unit', ['escalatedToUnitCode'], {
  where: '"escalated_to_unit_code" IS NOT NULL',
})
@Index('ix_complaints_kelurahan', ['kelurahanCode'])
@Index('ix_complaints_created_at', ['createdAt'])
// The dashboard reads what changed since its last look (a trigger sets updated_at on every update).
@Index('ix_complaints_updated_at', ['updatedAt', 'rowSeq'])
// The SLA sweep: open tickets whose running clock has passed.
@Index('ix_complaints_due', ['dueAt'], { where: '"due_at" IS NOT NULL' })
@Index('ix_complaints_category_created', ['categoryCode', 'createdAt'])
// The duplicate checks, newest first: the same category in a grid cell around the point (an
// expression index, created by migration DuplicateCheckGridCells), or from the same reporter.
@Index('ix_complaints_duplicate_cell', { synchronize: false })
@Index('ix_complaints_reporter_nik_hash', ['reporterNikHash', 'categoryCode', 'createdAt'], {
  where: '"reporter_nik_hash" IS NOT NULL',
})
@Index('ix_complaints_reporter_phone_hash', ['reporterPhoneHash', 'categoryCode', 'createdAt'], {
  where: '"reporter_phone_hash" IS NOT NULL',
})
@Check(
  'ck_complaints_status',
  `status IN ('menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak')`,
)
@Check(
  'ck_complaints_reporter_type',
  `reporter_type IN ('person', 'organisation', 'government-unit')`,
)
@Check('ck_complaints_reporter_sex', `reporter_sex IS NULL OR reporter_sex IN ('L', 'P')`)
// The list's search: words, and the LAPOR! id (expression indexes, migration TicketSearch).
@Index('ix_complaints_search', { synchronize: false })
@Index('ix_complaints_lapor_id', { synchronize: false })
// Partial, for the dashboard's counts of the reporters' answers (migration ReporterAnswerIndexes).
@Index('ix_complaints_answered', { synchronize: false })
@Check('ck_complaints_rating', 'rating IS NULL OR rating BETWEEN 1 AND 5')
@Check('ck_complaints_priority', `priority IN ('biasa', 'tinggi', 'darurat')`)
// The desk's queues and "mine" (partial indexes, migration DeskActions).
@Index('ix_complaints_priority', { synchronize: false })
@Index('ix_complaints_assignee', { synchronize: false })
@Check('ck_complaints_lat', 'lat IS NULL OR (lat BETWEEN -90 AND 90)')
@Check('ck_complaints_lon', 'lon IS NULL OR (lon BETWEEN -180 AND 180)')
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * A dense internal number (never shown): the dashboard's in-memory index keeps each ticket in
   * the slot of this number, so a changed ticket is found without a map of a million ids.
   */
  @Index('ux_complaints_row_seq', { unique: true })
  @Column({ name: 'row_seq', type: 'int', generated: 'identity', generatedIdentity: 'ALWAYS' })
  rowSeq: number;

  /** Public, unguessable reference given to the reporter (see tracking-number.ts). */
  @Index('ux_complaints_tracking_number', { unique: true })
  @Column({ name: 'tracking_number', type: 'varchar', length: 20 })
  trackingNumber: string;

  @Column({ name: 'channel_code', type: 'varchar', length: 32 })
  channelCode: string;

  @ManyToOne(() => Channel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_code' })
  channel?: Channel;

  /** The channel's own id for the complaint (JAKI report id, tweet id, LAPOR! id, …). */
  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request as received: a replay with another body is a conflict. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'varchar', length: 24 })
  status: TicketStatus;

  @Column({ name: 'category_code', type: 'varchar', length: 48, nullable: true })
  categoryCode: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Category | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'reporter_name', type: 'varchar', length: 200, nullable: true })
  reporterName: string | null;

  /** A person, a civil-society organisation or a government unit (§2.4.2.4). */
  @Column({ name: 'reporter_type', type: 'varchar', length: 16, default: DEFAULT_REPORTER_TYPE })
  reporterType: ReporterType;

  /**
   * A person's sex and age in years when they reported (`reportedAt`), read from their NIK, and
   * whether they have a disability as recorded (null: not recorded) — kept only for the figures
   * by sex, age group and disability (§3.6.2.g); never shown on a ticket.
   */
  @Column({ name: 'reporter_sex', type: 'char', length: 1, nullable: true })
  reporterSex: 'L' | 'P' | null;

  @Column({ name: 'reporter_age', type: 'smallint', nullable: true })
  reporterAge: number | null;

  @Column({ name: 'reporter_disability', type: 'boolean', nullable: true })
  reporterDisability: boolean | null;

  /**
   * The reporter asked that the units handling the complaint not know who they are: those see
   * "Pelapor anonim" and no contact; Diskominfo sees them, and notices still reach them.
   */
  @Column({ name: 'reporter_anonymous', type: 'boolean', default: false })
  reporterAnonymous: boolean;

  @Column({ name: 'reporter_email', type: 'varchar', length: 254, nullable: true })
  reporterEmail: string | null;

  @Column({ name: 'reporter_phone_encrypted', type: 'text', nullable: true })
  reporterPhoneEncrypted: string | null;

  @Column({ name: 'reporter_phone_hash', type: 'char', length: 64, nullable: true })
  reporterPhoneHash: string | null;

  @Column({ name: 'reporter_nik_encrypted', type: 'text', nullable: true })
  reporterNikEncrypted: string | null;

  @Column({ name: 'reporter_nik_hash', type: 'char', length: 64, nullable: true })
  reporterNikHash: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'kelurahan_code', type: 'varchar', length: 13, nullable: true })
  kelurahanCode: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kelurahan_code' })
  kelurahan?: Region | null;

  @Column({ name: 'location_method', type: 'varchar', length: 20, nullable: true })
  locationMethod: LocationMethod | null;

  @Column({ name: 'location_distance_meters', type: 'double precision', nullable: true })
  locationDistanceMeters: number | null;

  /** Other kelurahan whose simplified boundary also contains the point. */
  @Column({ name: 'location_alternatives', type: 'jsonb', default: () => `'[]'` })
  locationAlternatives: string[];

  /** Diskominfo's hint for a ticket in its review queue: the unit that should probably act. */
  @Column({ name: 'suggested_unit_code', type: 'varchar', length: 40, nullable: true })
  suggestedUnitCode: string | null;

  @Column({ name: 'assigned_unit_code', type: 'varchar', length: 40, nullable: true })
  assignedUnitCode: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_unit_code' })
  assignedUnit?: Unit | null;

  /** Why the ticket waits in Diskominfo's review queue (e.g. no kelurahan at the point). */
  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  /** What the channel knows: handle and post URL, e-mail subject, SMS sender, office, … */
  @Column({ name: 'channel_details', type: 'jsonb', default: () => `'{}'` })
  channelDetails: Record<string, string>;

  /** Channel facts the operator did not record though the channel has them (sender, handle …). */
  @Column({ name: 'missing_details', type: 'jsonb', default: () => `'[]'` })
  missingDetails: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  photos: string[];

  @Column({ name: 'possible_duplicates', type: 'jsonb', default: () => `'[]'` })
  possibleDuplicates: PossibleDuplicate[];

  @Column({ type: 'boolean', default: false })
  emergency: boolean;

  /** The deadline of the clock running now (see sla/), null when none runs (closed tickets). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Which clock `dueAt` belongs to: forward, respond, coordinate, resolve, validate. */
  @Column({ name: 'sla_clock', type: 'varchar', length: 16, nullable: true })
  slaClock: string | null;

  /** An agency's overall resolution deadline: set at its first assignment, kept on re-routes. */
  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true })
  resolutionDueAt: Date | null;

  /** The running clock was missed; cleared when the next clock starts. */
  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  /** How many levels the missed deadlines have escalated, and to which unit last. */
  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ name: 'escalated_to_unit_code', type: 'varchar', length: 40, nullable: true })
  escalatedToUnitCode: string | null;

  /** Re-routes by units since Diskominfo last routed it; at three it returns to review. */
  @Column({ name: 'bounce_count', type: 'int', default: 0 })
  bounceCount: number;

  /** Returned to Diskominfo's review queue for a reason that needs a person's attention. */
  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** First acceptance by a unit: the dashboard's time to first response. */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The reporter disputed the closing through their link (once; docs/notifications.md). */
  @Column({ name: 'disputed_at', type: 'timestamptz', nullable: true })
  disputedAt: Date | null;

  /** The reporter's rating of the handling, 1–5, given once after the ticket closed. */
  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  /** How urgent Diskominfo judged it (the desk): queues sorted by priority put `darurat` first. */
  @Column({ type: 'varchar', length: 8, default: 'biasa' })
  priority: TicketPriority;

  /**
   * The staff member of the holding unit who handles it (their token's `sub` and name), set by
   * the unit; cleared when the ticket moves to another unit.
   */
  @Column({ name: 'assignee_sub', type: 'varchar', length: 200, nullable: true })
  assigneeSub: string | null;

  @Column({ name: 'assignee_name', type: 'varchar', length: 200, nullable: true })
  assigneeName: string | null;

  /** Diskominfo's registry check of the reporter (flow 4): registered_receiving, … */
  @Column({ name: 'registry_status', type: 'varchar', length: 32, nullable: true })
  registryStatus: string | null;

  @Column({ name: 'registry_checked_at', type: 'timestamptz', nullable: true })
  registryCheckedAt: Date | null;

  /** While waiting for the reporter's application form the clock stands still. */
  @Column({ name: 'clock_paused_at', type: 'timestamptz', nullable: true })
  clockPausedAt: Date | null;

  /** For an emergency handling ticket: the not-in-database complaint it came from. */
  @Index('ix_complaints_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** For a complaint rejected as a duplicate: the ticket it duplicates. */
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  /** Set once the routing job has placed the ticket; the job does nothing a second time. */
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt: Date | null;

  /** The token subject of whoever submitted it (`jaki` for JAKI pushes). */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_by_role', type: 'varchar', length: 16 })
  createdByRole: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
