import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, describeError } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { DeadLetters } from '@crm/messaging';
import { NOTIFICATIONS_QUEUE } from '@crm/messaging';
import { Notification } from './notification.entity';
import { postJson } from './delivery/http-post';
import { ReporterSender } from './delivery/reporter-sender';
import { WRITE_NOTICES } from './notice-writer';

/** Tries at marking a notice `failed` after its last attempt: ten minutes at 5 s apart. */
const NOTE_TRIES = 120;

/**
 * Delivers a unit's notice: POSTed to the unit's webhook when it has one, signed
 * (`X-Crm-Signature: sha256=<hex HMAC of the body>`) and carrying `X-Crm-Delivery: <id>` so that
 * the receiver can drop a repeat; otherwise written to the log. A failed delivery is retried with
 * back-off; after the last attempt the notice is marked `failed` with the error, for admins to see
 * at `GET /api/v1/notifications?status=failed`. The connection goes only to a public address
 * (unless WEBHOOK_ALLOW_PRIVATE), checked as it is made, and a redirect is a failed delivery: an
 * admin's URL must not become a way into the service's own network.
 */
@Processor(NOTIFICATIONS_QUEUE)
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
    private readonly deadLetters: DeadLetters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reporter: ReporterSender,
  ) {}

  @Process({ name: 'deliver', concurrency: 8 })
  async deliver(job: Job<{ notificationId: string }>): Promise<void> {
    const notice = await this.dataSource.manager.findOneBy(Notification, {
      id: job.data.notificationId,
    });
    if (!notice || notice.status !== 'pending') return;
    if (!notice.recipientUnitCode) return this.reporter.deliver(notice);
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
    // The URL stays out of every message: it may hold credentials, and the error is shown to
    // Diskominfo in the notice list.
    await postJson(
      unit.webhookUrl,
      body,
      { 'x-crm-signature': `sha256=${signature}`, 'x-crm-delivery': notice.id },
      { who: `The webhook of unit ${unit.code}`, allowPrivate: this.config.webhooks.allowPrivate },
    );
    await this.mark(notice.id, 'delivered', null);
  }

  @OnQueueFailed()
  async failed(job: Job<{ notificationId: string }>, error: Error): Promise<void> {
    // The queue's other job (writing an event's notices) has its own handler: NoticeWriter.
    if (job.name === WRITE_NOTICES) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    const message = describeError(error).slice(0, 1000);
    // The last failure ends the notice (and starts the reporter's next one, if it was theirs).
    const note = () =>
      final
        ? this.reporter.end(job.data.notificationId, 'failed', message)
        : this.dataSource.query('UPDATE notifications SET last_error = $2 WHERE id = $1', [
            job.data.notificationId,
            message,
          ]);
    // Bull does not await this handler: a rejection here (the database down, the very reason
    // the job failed) would be unhandled and end the worker. Before the last attempt, the retry
    // keeps the notice pending; after it, nothing would retry, and the notice would stay pending
    // for good: the note is written again until the database is back.
    for (let tries = 1; ; tries++) {
      try {
        await note();
        break;
      } catch (cause) {
        this.logger.warn(`Could not note the failure: ${describeError(cause)}`);
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
