import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { createHmac } from 'node:crypto';
import { request as httpRequest, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, describeError, guardedConnection } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { DeadLetters } from '@crm/messaging';
import { NOTIFICATIONS_QUEUE } from '@crm/messaging';
import { Notification } from './notification.entity';
import { WRITE_NOTICES } from './notice-writer';

const WEBHOOK_TIMEOUT_MS = 5_000;
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
    // The URL stays out of every message: it may hold credentials, and the error is shown to
    // Diskominfo in the notice list.
    const webhook = `The webhook of unit ${unit.code}`;
    let status: number;
    try {
      status = await this.post(new URL(unit.webhookUrl), body, {
        'content-type': 'application/json',
        'x-crm-signature': `sha256=${signature}`,
        'x-crm-delivery': notice.id,
      });
    } catch (error) {
      throw new Error(`${webhook} could not be reached: ${describeError(error)}`);
    }
    if (status >= 300 && status < 400) {
      throw new Error(`${webhook} answered ${status}, a redirect, which is not followed`);
    }
    if (status < 200 || status >= 300) throw new Error(`${webhook} answered ${status}`);
    await this.mark(notice.id, 'delivered', null);
  }

  /** One POST, no redirect followed (node's client never follows one); resolves to the status. */
  private post(url: URL, body: string, headers: OutgoingHttpHeaders): Promise<number> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          ...guardedConnection(url, this.config.webhooks.allowPrivate),
        },
        (res) => {
          res.resume().on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  @OnQueueFailed()
  async failed(job: Job<{ notificationId: string }>, error: Error): Promise<void> {
    // The queue's other job (writing an event's notices) has its own handler: NoticeWriter.
    if (job.name === WRITE_NOTICES) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    const note = () =>
      this.dataSource.query(
        `UPDATE notifications SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1`,
        [job.data.notificationId, describeError(error).slice(0, 1000), final],
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
