import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { describeError, type JsonObject } from '@crm/core';
import { FailedJob } from './failed-job.entity';

/** Records jobs that have used up their retries, so nothing fails silently. */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordIfFinal(queue: string, job: Job, error: Error): Promise<void> {
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    // A failed statement's message may quote a value it was given: logged and kept without it.
    const reason = describeError(error);
    this.logger.error(`Job ${queue}/${job.id} failed for good: ${reason}`);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FailedJob)
      .values({
        queue,
        jobId: String(job.id),
        jobName: job.name,
        payload: job.data as JsonObject,
        error: reason,
        attempts: job.attemptsMade,
      })
      .orIgnore()
      .execute()
      .catch((cause: unknown) =>
        this.logger.error(`Could not record failed job: ${describeError(cause)}`),
      );
  }
}
