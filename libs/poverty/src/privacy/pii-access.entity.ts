import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every full read of a NIK, KK number or phone number: who, whose, which field, why, when.
 * Append-only like the ticket history (a trigger refuses UPDATE and DELETE); admins read it.
 */
@Entity('pii_access_log')
@Index('ix_pii_access_log_at', ['at'])
@Index('ix_pii_access_log_subject', ['subject', 'subjectId'])
export class PiiAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'actor_sub', type: 'varchar', length: 200 })
  actorSub: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ name: 'actor_unit', type: 'varchar', length: 40, nullable: true })
  actorUnit: string | null;

  /** complaint, registry, prelist, export */
  @Column({ type: 'varchar', length: 16 })
  subject: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId: string;

  /** nik, kk, phone, or the export's columns */
  @Column({ type: 'varchar', length: 32 })
  field: string;

  @Column({ type: 'text' })
  reason: string;

  /** For a Matriks 3 export: the prelist entries whose households (full NIKs) it carried */
  @Column({ name: 'entry_ids', type: 'uuid', array: true, nullable: true })
  entryIds: string[] | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/** One row of the access log, as admins read it. */
export class PiiAccessDto {
  id: string;
  actor: string;
  role: string;
  unit: string | null;
  subject: string;
  subjectId: string;
  field: string;
  reason: string;
  requestId: string | null;
  at: string;
}
