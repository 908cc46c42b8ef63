import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetters, NOTIFICATIONS_QUEUE, OutboxSignal } from '@crm/messaging';
import { EMERGENCY_HOURS } from '@crm/sla';
import { Complaint, ComplaintEvent, TicketEvent } from '@crm/tickets';
import { Notification } from './notification.entity';

/** The job an event's notices are written by (the ticket store queues it: event-subscribers.ts). */
export const WRITE_NOTICES = 'event';

interface EventJob {
  complaintId: string;
  eventId: string;
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
    const { complaintId, eventId } = job.data;
    const [event, ticket] = await Promise.all([
      this.dataSource.manager.findOneBy(ComplaintEvent, { id: eventId }),
      this.dataSource.manager.findOneBy(Complaint, { id: complaintId }),
    ]);
    if (!event || !ticket) return;
    const drafts = noticesOf(
      { type: event.type, data: event.data } as TicketEvent,
      event.id,
      ticket,
    );
    if (!drafts.length) return;
    await this.dataSource.transaction((manager) => this.insert(manager, complaintId, drafts));
    this.outbox.wake();
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    if (job.name === WRITE_NOTICES) {
      await this.deadLetters.recordIfFinal(NOTIFICATIONS_QUEUE, job, error);
    }
  }

  private async insert(manager: EntityManager, complaintId: string, drafts: NoticeDraft[]) {
    const rows: { id: string; recipient_unit_code: string | null }[] = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(drafts.map((draft) => ({ complaintId, ...draft })))
      .orIgnore()
      .returning(['id', 'recipientUnitCode'])
      .execute()
      .then((result) => result.raw as { id: string; recipient_unit_code: string | null }[]);
    // A unit's notice is delivered to its webhook (or logged); the reporter's acknowledgement
    // waits for the channel's gateway.
    const deliveries = rows.filter((row) => row.recipient_unit_code !== null);
    for (const { id } of deliveries) {
      await manager.query(
        `INSERT INTO outbox_messages (queue, job_name, job_id, payload)
         VALUES ($1, 'deliver', $2, $3) ON CONFLICT DO NOTHING`,
        [NOTIFICATIONS_QUEUE, `notify:${id}`, JSON.stringify({ notificationId: id })],
      );
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
    default:
      return [];
  }
}
