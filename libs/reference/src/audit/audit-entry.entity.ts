import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What reference data an entry is about. */
export const AUDITED_ENTITIES = [
  'unit',
  'category',
  'channel',
  'sla-rule',
  'holiday',
  'webhook',
  'template',
  'reply-template',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/**
 * One change of reference data: who changed what, when, from what to what. Rows are only ever
 * added: a trigger (migration ReferenceAdministration) refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_log')
@Check('ck_audit_log_action', `action IN ('create', 'update', 'delete')`)
@Index('ix_audit_log_entity', ['entity', 'entityId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  entity: AuditedEntity;

  /** The changed record's code (a unit's, a category's, a date, …). */
  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'varchar', length: 8 })
  action: 'create' | 'update' | 'delete';

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'actor_sub', type: 'varchar', length: 200 })
  actorSub: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
