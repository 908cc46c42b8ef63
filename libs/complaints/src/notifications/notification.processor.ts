import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { DeadLetters } from '../messaging/dead-letters';
import { NOTIFICATIONS_QUEUE } from '../messaging/queues';
import { Complaint } from '../tickets/complaint.entity';
import { Notification } from './notification.entity';

/**
 * The reporter's acknowledgement with the tracking number, written once for the channel's
 * gateway to deliver (the unique (complaint, kind) index absorbs repeated jobs).
 */
@Processor(NOTIFICATIONS_QUEUE)
@Injectable()
export class NotificationProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
  ) {}

  @Process({ name: 'acknowledge', concurrency: 8 })
  async acknowledge(job: Job<{ complaintId: string }>): Promise<void> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, {
      id: job.data.complaintId,
    });
    if (!complaint) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        complaintId: complaint.id,
        kind: 'acknowledgement',
        channelCode: complaint.channelCode,
        message:
          `Pengaduan Anda telah diterima dengan nomor ${complaint.trackingNumber}. ` +
          `Pantau statusnya dengan nomor tersebut.`,
      })
      .orIgnore()
      .execute();
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    await this.deadLetters.recordIfFinal(NOTIFICATIONS_QUEUE, job, error);
  }
}
