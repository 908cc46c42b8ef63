import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import type { JsonObject } from '../tickets/json';
import { FailedJob } from './failed-job.entity';

/** Records jobs that have used up their retries, so nothing fails silently. */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordIfFinal(queue: string, job: Job, error: Error): Promise<void> {
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`Job ${queue}/${job.id} failed for good: ${error.message}`);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FailedJob)
      .values({
        queue,
        jobId: String(job.id),
        jobName: job.name,
        payload: job.data as JsonObject,
        error: error.message,
        attempts: job.attemptsMade,
      })
      .orIgnore()
      .execute()
      .catch((cause: Error) => this.logger.error(`Could not record failed job: ${cause.message}`));
  }
}
