import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import escapeHtml from 'escape-html';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, PiiCipher } from '@crm/core';
import { NOTIFICATIONS_QUEUE, OutboxSignal } from '@crm/messaging';
import { Complaint } from '@crm/tickets';
import { Notification } from '../notification.entity';
import { ReporterLinks } from '../reporter/reporter-links';
import { render } from '../templates/notice-templates';
import { postJson } from './http-post';

/** The stage a reporter's notice tells of, as the public timeline names it. */
const STAGES: Record<string, string> = {
  acknowledgement: 'diterima',
  placed: 'diteruskan',
  done: 'selesai',
  rejected: 'ditolak',
  reopened: 'dibuka_kembali',
  prelist: 'prelist',
};

const SUBJECTS: Record<string, string> = {
  acknowledgement: 'diterima',
  placed: 'diteruskan',
  done: 'telah ditindaklanjuti',
  rejected: 'tidak dapat diproses',
  reopened: 'dibuka kembali',
  prelist: 'prelist',
};

/** A claim older than this is a job that died while sending: the notice may be taken again. */
const CLAIM_SECONDS = 60;

/**
 * Sends the reporter's notices through their way back (docs/notifications.md): JAKI's callback
 * (signed), SP4N-LAPOR!, the SMS gateway, or e-mail. A reporter's notices go out one after
 * another in the order they were written — a notice waits while an earlier one is still on its
 * way, and each that ends (sent, failed for good, not configured) starts the next — so a
 * receiver meets them in order; each carries its `version` (its step's place) besides, so one
 * that meets a retried older message can still tell the latest. A notice is claimed while it is
 * sent, so two jobs never send it at once. Without its gateway's configuration a notice is
 * `not_configured`, never an error.
 */
@Injectable()
export class ReporterSender implements OnApplicationShutdown {
  private mailer?: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pii: PiiCipher,
    private readonly links: ReporterLinks,
    private readonly outbox: OutboxSignal,
  ) {}

  onApplicationShutdown(): void {
    this.mailer?.close();
  }

  async deliver(notice: Notification): Promise<void> {
    const earlier: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM notifications
        WHERE complaint_id = $1 AND recipient_unit_code IS NULL AND sequence < $2
          AND status = 'pending' AND delivery <> 'reply' LIMIT 1`,
      [notice.complaintId, notice.sequence],
    );
    if (earlier.length) return; // the earlier one starts this one when it ends
    // An UPDATE answers [rows, count] through TypeORM.
    const [claimed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notifications SET claimed_at = now(), attempts = attempts + 1
        WHERE id = $1 AND status = 'pending'
          AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2))
        RETURNING id`,
      [notice.id, CLAIM_SECONDS],
    );
    if (!claimed.length) {
      const [now] = (await this.dataSource.query('SELECT status FROM notifications WHERE id = $1', [
        notice.id,
      ])) as { status: string }[];
      if (now?.status !== 'pending') return; // sent (or ended) meanwhile
      // Another job is sending it; should that job have died, its claim runs out and this
      // job's retry takes the notice over.
      throw new Error('Being sent by another job; tried again later');
    }
    const complaint = await this.dataSource.manager.findOneByOrFail(Complaint, {
      id: notice.complaintId,
    });
    let outcome: 'sent' | 'not_configured';
    try {
      outcome = await this.send(notice, complaint);
    } catch (error) {
      await this.dataSource.query(
        'UPDATE notifications SET claimed_at = NULL, last_error = $2 WHERE id = $1',
        [notice.id, String((error as Error).message ?? error).slice(0, 1000)],
      );
      throw error;
    }
    await this.end(notice.id, outcome, null);
  }

  /**
   * The notice ends (sent, not configured, or failed after its last attempt), and for a
   * reporter's notice their next waiting one, if any, starts — in one statement.
   */
  async end(id: string, status: 'sent' | 'not_configured' | 'failed', error: string | null) {
    await this.dataSource.query(
      `WITH ended AS (
         UPDATE notifications
            SET status = $2::varchar, last_error = COALESCE($3::text, last_error),
                claimed_at = NULL,
                delivered_at = CASE WHEN $2::varchar = 'sent' THEN now() ELSE delivered_at END
          WHERE id = $1::bigint RETURNING complaint_id, recipient_unit_code, sequence
       )
       INSERT INTO outbox_messages (queue, job_name, job_id, payload)
       SELECT $4, 'deliver', 'notify:' || n.id || ':after:' || $1::text,
              jsonb_build_object('notificationId', n.id::text)
         FROM notifications n JOIN ended ON n.complaint_id = ended.complaint_id
        WHERE ended.recipient_unit_code IS NULL
          AND n.recipient_unit_code IS NULL AND n.sequence > ended.sequence
          AND n.status = 'pending' AND n.delivery <> 'reply'
        ORDER BY n.sequence LIMIT 1`,
      [id, status, error, NOTIFICATIONS_QUEUE],
    );
    this.outbox.wake();
  }

  private async send(
    notice: Notification,
    complaint: Complaint,
  ): Promise<'sent' | 'not_configured'> {
    const channels = this.config.reporterChannels;
    const text = render(notice.message, { reporterUrl: this.links.url(complaint.id) });
    const at = notice.createdAt.toISOString();
    const status = notice.ticketStatus ?? complaint.status;
    // Gateways are the operator's own configuration, not an admin's URL: they may be internal.
    const trusted = { allowPrivate: true };
    switch (notice.delivery) {
      case 'jaki': {
        if (!channels.jakiCallbackUrl) return 'not_configured';
        const body = JSON.stringify({
          externalId: complaint.externalId,
          trackingNumber: complaint.trackingNumber,
          version: Number(notice.sequence),
          status,
          stage: STAGES[notice.kind] ?? notice.kind,
          text,
          at,
          reporterUrl: this.links.url(complaint.id),
        });
        const signature = createHmac('sha256', this.config.jaki.webhookSecret)
          .update(body)
          .digest('hex');
        await postJson(
          channels.jakiCallbackUrl,
          body,
          { 'x-crm-signature': `sha256=${signature}` },
          { who: 'JAKI’s callback', ...trusted },
        );
        return 'sent';
      }
      case 'lapor': {
        if (!channels.lapor) return 'not_configured';
        const body = JSON.stringify({
          laporTrackingId: complaint.channelDetails.laporTrackingId ?? complaint.externalId,
          trackingNumber: complaint.trackingNumber,
          status,
          text,
          at,
        });
        await postJson(
          channels.lapor.url,
          body,
          { authorization: `Bearer ${channels.lapor.token}` },
          { who: 'SP4N-LAPOR!', ...trusted },
        );
        return 'sent';
      }
      case 'sms': {
        if (!channels.sms) return 'not_configured';
        const to = complaint.reporterPhoneEncrypted
          ? this.pii.decrypt(complaint.reporterPhoneEncrypted)
          : complaint.channelDetails.senderNumber;
        const body = JSON.stringify({ to, text, reference: `crm-notice-${notice.id}` });
        await postJson(
          channels.sms.url,
          body,
          { authorization: `Bearer ${channels.sms.token}` },
          { who: 'The SMS gateway', ...trusted },
        );
        return 'sent';
      }
      case 'email': {
        if (!channels.smtp) return 'not_configured';
        this.mailer ??= createTransport(channels.smtp.url);
        await this.mailer.sendMail({
          from: channels.smtp.from,
          to: complaint.reporterEmail ?? complaint.channelDetails.fromAddress,
          subject: `Pengaduan ${complaint.trackingNumber} ${SUBJECTS[notice.kind] ?? ''}`.trim(),
          // The same id for every attempt: a mail system that received it once drops a repeat.
          messageId: `<notice-${notice.id}.${complaint.trackingNumber}@crm.jakarta.go.id>`,
          text,
          html: `<p>${escapeHtml(text)}</p>`,
        });
        return 'sent';
      }
      default:
        return 'not_configured';
    }
  }
}
