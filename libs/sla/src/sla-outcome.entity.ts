import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Whether one deadline was met, decided when its clock stopped (the step was taken) or when the
 * sweep found it missed. The dashboard's SLA compliance per unit is the share of met rows.
 * One row per deadline (a clock restarted on the same deadline, as after a rejected follow-up,
 * keeps its first decision). Append-only: a trigger (migration DashboardFacts) refuses UPDATE,
 * DELETE and TRUNCATE.
 */
@Entity('sla_outcomes')
@Index('ux_sla_outcomes_deadline', ['complaintId', 'clock', 'dueAt'], { unique: true })
@Index('ix_sla_outcomes_recorded_at', ['recordedAt', 'id'])
export class SlaOutcome {
  @PrimaryGeneratedColumn('identity', { type: 'int', generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  /** The unit the deadline was for: the holder, or `diskominfo` for forwarding and validation. */
  @Column({ name: 'unit_code', type: 'varchar', length: 40 })
  unitCode: string;

  /** forward, respond, coordinate, resolve, validate */
  @Column({ type: 'varchar', length: 16 })
  clock: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** When the step was taken (met or late), or when the sweep found the deadline passed. */
  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @Column({ type: 'boolean' })
  met: boolean;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
