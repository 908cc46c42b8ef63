import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReferenceCache } from '@crm/reference';
import { DeadLetters } from '../messaging/dead-letters';
import { NOTIFICATIONS_QUEUE } from '../messaging/queues';
import { Notification } from './notification.entity';

const WEBHOOK_TIMEOUT_MS = 5_000;
/** Tries at marking a notice `failed` after its last attempt: ten minutes at 5 s apart. */
const NOTE_TRIES = 120;

/**
 * Delivers a unit's notice: POSTed to the unit's webhook when it has one, signed
 * (`X-Crm-Signature: sha256=<hex HMAC of the body>`) and carrying `X-Crm-Delivery: <id>` so that
 * the receiver can drop a repeat; otherwise written to the log. A failed delivery is retried with
 * back-off; after the last attempt the notice is marked `failed` with the error, for admins to see
 * at `GET /api/v1/notifications?status=failed`.
 */
@Processor(NOTIFICATIONS_QUEUE)
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
    private readonly deadLetters: DeadLetters,
  ) {}

  @Process({ name: 'deliver', concurrency: 8 })
  async deliver(job: Job<{ notificationId: string }>): Promise<void> {
    const notice = await this.dataSource.manager.findOneBy(Notification, {
      id: job.data.notificationId,
    });
    if (!notice || notice.status === 'delivered' || notice.status === 'logged') return;
    await this.dataSource.query('UPDATE notifications SET attempts = attempts + 1 WHERE id = $1', [
      notice.id,
    ]);
    // Read past the cache: a webhook an admin set through another instance (the API, while this
    // is the worker) counts at once, not after the cache's 30 s with notices logged meanwhile.
    const unit = notice.recipientUnitCode
      ? await this.reference.storedUnit(notice.recipientUnitCode)
      : null;
    if (!unit?.webhookUrl || !unit.webhookSecret) {
      this.logger.log(
        `Notice ${notice.id} (${notice.kind}) for ${notice.recipientUnitCode}: ${notice.message}`,
      );
      await this.mark(notice.id, 'logged', null);
      return;
    }
    const body = JSON.stringify({
      id: notice.id,
      kind: notice.kind,
      complaintId: notice.complaintId,
      unit: notice.recipientUnitCode,
      message: notice.message,
      createdAt: notice.createdAt.toISOString(),
    });
    const signature = createHmac('sha256', unit.webhookSecret).update(body).digest('hex');
    const response = await fetch(unit.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-crm-signature': `sha256=${signature}`,
        'x-crm-delivery': notice.id,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`Webhook ${unit.webhookUrl} answered ${response.status}`);
    await this.mark(notice.id, 'delivered', null);
  }

  @OnQueueFailed()
  async failed(job: Job<{ notificationId: string }>, error: Error): Promise<void> {
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    const note = () =>
      this.dataSource.query(
        `UPDATE notifications SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1`,
        [job.data.notificationId, error.message.slice(0, 1000), final],
      );
    // Bull does not await this handler: a rejection here (the database down, the very reason
    // the job failed) would be unhandled and end the worker. Before the last attempt, the retry
    // keeps the notice pending; after it, nothing would retry, and the notice would stay pending
    // for good: the note is written again until the database is back.
    for (let tries = 1; ; tries++) {
      try {
        await note();
        break;
      } catch (cause) {
        this.logger.warn(`Could not note the failure: ${(cause as Error).message}`);
        if (!final || tries >= NOTE_TRIES) break;
        await new Promise((resolve) => setTimeout(resolve, NotificationSender.noteRetryMs));
      }
    }
    await this.deadLetters.recordIfFinal(NOTIFICATIONS_QUEUE, job, error);
  }

  /** Between tries at noting a final failure (tests shorten it). */
  static noteRetryMs = 5_000;

  private async mark(id: string, status: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = $2, last_error = $3, delivered_at = now() WHERE id = $1`,
      [id, status, error],
    );
  }
}
