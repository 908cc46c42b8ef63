import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '@crm/core';

/** A job that used up its retries: kept for an engineer to inspect and replay, never dropped. */
@Entity('failed_jobs')
@Index('ux_failed_jobs_queue_job', ['queue', 'jobId'], { unique: true })
export class FailedJob {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  queue: string;

  @Column({ name: 'job_id', type: 'varchar', length: 120 })
  jobId: string;

  @Column({ name: 'job_name', type: 'varchar', length: 40 })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: JsonObject;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;
}
