import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { DeadLetters, NOTIFICATIONS_QUEUE, OutboxSignal } from '@crm/messaging';
import { EMERGENCY_HOURS } from '@crm/sla';
import { Complaint, TicketEvent } from '@crm/tickets';

/** The job an event's notices are written by (the ticket store queues it: event-subscribers.ts). */
export const WRITE_NOTICES = 'event';

/** What the ticket store puts in an event's job (event-subscribers.ts). */
interface EventJob {
  complaintId: string;
  eventId: string;
  type: TicketEvent['type'];
  data: TicketEvent['data'];
  trackingNumber: string;
  channel: string;
}

/** One message an event causes. */
interface NoticeDraft {
  kind: string;
  dedupeKey: string;
  recipientUnitCode: string | null;
  channelCode: string | null;
  message: string;
}

/**
 * Turns a ticket's events into notices: the reporter's acknowledgement once the ticket is placed,
 * and a notice to each unit a step concerns — a ticket assigned or re-routed to it, reopened at
 * it, escalated to it, an emergency for it. Each notice is written once (its dedupe key names
 * the event and the recipient) with its delivery job, in one transaction; delivering it is
 * NotificationSender's.
 */
@Processor(NOTIFICATIONS_QUEUE)
@Injectable()
export class NoticeWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxSignal,
    private readonly deadLetters: DeadLetters,
  ) {}

  @Process({ name: WRITE_NOTICES, concurrency: 8 })
  async write(job: Job<EventJob>): Promise<void> {
    const { complaintId, eventId, type, data, trackingNumber, channel } = job.data;
    const drafts = noticesOf({ type, data } as TicketEvent, eventId, {
      id: complaintId,
      trackingNumber,
      channelCode: channel,
    });
    if (!drafts.length) return;
    // Each notice once (its dedupe key), and a delivery job for each unit's notice written now;
    // the reporter's acknowledgement waits for the channel's gateway. One statement.
    await this.dataSource.query(
      `WITH written AS (
         INSERT INTO notifications
           (complaint_id, kind, dedupe_key, recipient_unit_code, channel_code, message)
         SELECT $1, d.kind, d.dedupe_key, d.recipient_unit_code, d.channel_code, d.message
           FROM jsonb_to_recordset($2::jsonb) AS d(kind text, dedupe_key text,
                recipient_unit_code text, channel_code text, message text)
         ON CONFLICT DO NOTHING
         RETURNING id, recipient_unit_code
       )
       INSERT INTO outbox_messages (queue, job_name, job_id, payload)
       SELECT $3, 'deliver', 'notify:' || id, jsonb_build_object('notificationId', id::text)
         FROM written WHERE recipient_unit_code IS NOT NULL`,
      [
        complaintId,
        JSON.stringify(
          drafts.map((draft) => ({
            kind: draft.kind,
            dedupe_key: draft.dedupeKey,
            recipient_unit_code: draft.recipientUnitCode,
            channel_code: draft.channelCode,
            message: draft.message,
          })),
        ),
        NOTIFICATIONS_QUEUE,
      ],
    );
    this.outbox.wake();
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    if (job.name === WRITE_NOTICES) {
      await this.deadLetters.recordIfFinal(NOTIFICATIONS_QUEUE, job, error);
    }
  }
}

/** The notices an event causes, in Indonesian as the units and the channels read them. */
export function noticesOf(
  event: TicketEvent,
  eventId: string,
  ticket: Pick<Complaint, 'id' | 'trackingNumber' | 'channelCode'>,
): NoticeDraft[] {
  const toUnit = (kind: string, unit: string | null, message: string): NoticeDraft[] =>
    unit
      ? [
          {
            kind,
            dedupeKey: `event:${eventId}:${unit}`,
            recipientUnitCode: unit,
            channelCode: null,
            message,
          },
        ]
      : [];
  const assigned = (unit: string | null) =>
    toUnit(
      'assignment',
      unit,
      `Pengaduan ${ticket.trackingNumber} didisposisikan kepada unit Anda.`,
    );
  const acknowledgement: NoticeDraft = {
    kind: 'acknowledgement',
    dedupeKey: `acknowledgement:${ticket.id}`,
    recipientUnitCode: null,
    channelCode: ticket.channelCode,
    message: `Pengaduan Anda telah diterima dengan nomor ${ticket.trackingNumber}. Pantau statusnya dengan nomor tersebut.`,
  };
  switch (event.type) {
    case 'routed':
      return [acknowledgement, ...assigned(event.data.toUnit)];
    case 'held-for-review':
    case 'located':
      return [acknowledgement];
    case 'assigned':
    case 'disposition':
      return assigned(event.data.toUnit);
    case 'reopened':
      return toUnit(
        'reopened',
        event.data.toUnit,
        `Pengaduan ${ticket.trackingNumber} dibuka kembali kepada unit Anda.`,
      );
    case 'overdue':
      return toUnit(
        'escalation',
        event.data.escalatedTo,
        `Pengaduan ${ticket.trackingNumber} melewati tenggat (${event.data.clock}) di ${event.data.holder ?? 'Diskominfo'}: eskalasi kepada unit Anda.`,
      );
    case 'emergency-opened':
      return toUnit(
        'assignment',
        event.data.toUnit,
        `DARURAT: pengaduan ${ticket.trackingNumber} harus ditangani dalam ${EMERGENCY_HOURS} jam.`,
      );
    case 'registration-opened':
      return toUnit(
        'assignment',
        event.data.toUnit,
        `Pengaduan ${ticket.trackingNumber}: ${event.data.members} anggota keluarga belum memiliki NIK; mohon pelayanan administrasi kependudukan (prelist berjalan paralel).`,
      );
    default:
      return [];
  }
}
