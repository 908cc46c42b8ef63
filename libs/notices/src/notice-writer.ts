import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { maskIdentityNumbers } from '@crm/core';
import { DeadLetters, NOTIFICATIONS_QUEUE, OutboxSignal } from '@crm/messaging';
import { ReferenceCache } from '@crm/reference';
import { EMERGENCY_HOURS } from '@crm/sla';
import { Complaint, ComplaintEvent, FollowUp, TicketEvent } from '@crm/tickets';
import { reporterDelivery } from './delivery/reporter-delivery-route';
import { NoticeTemplateStore } from './templates/notice-template-store';
import { render, ReporterNoticeKind } from './templates/notice-templates';
import { ReporterLinks } from './reporter/reporter-links';

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
  /** `webhook` for a unit; the reporter's way back otherwise (reporter-delivery-route.ts). */
  delivery: string;
  ticketStatus: string | null;
  /** The reporter's notices' order: the event's id × 10 + the notice's place in the event. */
  sequence: string | null;
  message: string;
}

/**
 * Turns a ticket's events into notices: to the reporter on the steps that matter to them
 * (received, placed at a unit, done, rejected, reopened — through the way back their channel
 * offers), and to each unit a step concerns (a ticket assigned or re-routed to it, reopened or
 * disputed at it, escalated to it, an emergency for it). Each notice is written once (its dedupe
 * key names the event and the recipient) with its delivery job, in one statement; delivering it
 * is NotificationSender's. A reply task (a channel a person answers on) waits for its operator.
 */
@Processor(NOTIFICATIONS_QUEUE)
@Injectable()
export class NoticeWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxSignal,
    private readonly deadLetters: DeadLetters,
    private readonly reference: ReferenceCache,
    private readonly templates: NoticeTemplateStore,
    private readonly links: ReporterLinks,
  ) {}

  @Process({ name: WRITE_NOTICES, concurrency: 8 })
  async write(job: Job<EventJob>): Promise<void> {
    const { complaintId, eventId, type, data, trackingNumber, channel } = job.data;
    const event = { type, data } as TicketEvent;
    const drafts = [
      ...(await this.reporterNotices(event, eventId, complaintId)),
      ...noticesOf(event, eventId, { id: complaintId, trackingNumber, channelCode: channel }),
    ];
    if (!drafts.length) return;
    // Each notice once (its dedupe key), and a delivery job for each written now but reply
    // tasks. One statement.
    await this.dataSource.query(
      `WITH written AS (
         INSERT INTO notifications
           (complaint_id, kind, dedupe_key, recipient_unit_code, channel_code, delivery,
            ticket_status, sequence, message)
         SELECT $1, d.e->>'kind', d.e->>'dedupe_key', d.e->>'recipient_unit_code',
                d.e->>'channel_code', d.e->>'delivery', d.e->>'ticket_status',
                (d.e->>'sequence')::bigint, d.e->>'message'
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS d(e, n)
          ORDER BY d.n
         ON CONFLICT DO NOTHING
         RETURNING id, delivery
       )
       INSERT INTO outbox_messages (queue, job_name, job_id, payload)
       SELECT $3, 'deliver', 'notify:' || id, jsonb_build_object('notificationId', id::text)
         FROM written WHERE delivery <> 'reply'`,
      [
        complaintId,
        JSON.stringify(
          drafts.map((draft) => ({
            kind: draft.kind,
            dedupe_key: draft.dedupeKey,
            recipient_unit_code: draft.recipientUnitCode,
            channel_code: draft.channelCode,
            delivery: draft.delivery,
            ticket_status: draft.ticketStatus,
            sequence: draft.sequence,
            message: draft.message,
          })),
        ),
        NOTIFICATIONS_QUEUE,
      ],
    );
    this.outbox.wake();
  }

  /**
   * The reporter's notice of a step, in the admin's words (templates) with what it names filled
   * in — the reporter's link stays a placeholder until the notice is sent. Identity numbers an
   * officer typed into a note or reason are masked: a notice carries no NIK or KK.
   */
  private async reporterNotices(
    event: TicketEvent,
    eventId: string,
    complaintId: string,
  ): Promise<NoticeDraft[]> {
    const steps = reporterSteps(event);
    if (!steps.length) return [];
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { id: complaintId });
    // A handling ticket opened from another (an emergency, a registration) tells its parent's
    // reporter nothing twice: the parent's notices speak for it.
    if (!complaint || complaint.parentId) return [];
    const texts = await this.templates.texts();
    const values: Record<string, string> = {
      trackingNumber: complaint.trackingNumber,
      trackUrl: this.links.trackUrl(complaint.trackingNumber),
    };
    const unitCode = 'toUnit' in event.data ? event.data.toUnit : complaint.assignedUnitCode;
    if (unitCode) values.unit = (await this.reference.unit(unitCode))?.name ?? unitCode;
    if (steps.includes('done') && event.type === 'approved') {
      const followUp = await this.dataSource.manager.findOne(FollowUp, {
        where: { complaintId, decision: 'approve' },
        order: { decidedAt: 'DESC' },
      });
      values.note = maskIdentityNumbers(followUp?.note ?? '');
    }
    const step = await this.dataSource.manager.findOneBy(ComplaintEvent, { id: eventId });
    values.reason = maskIdentityNumbers(step?.reason ?? '');
    if (steps.includes('prelist')) {
      values.stage = PRELIST_WORDS[event.type === 'prelist-stage' ? event.data.stage : 'tercatat'];
    }
    const delivery = reporterDelivery(complaint);
    return steps.map((kind, place) => ({
      kind,
      dedupeKey:
        kind === 'acknowledgement' ? `acknowledgement:${complaintId}` : `event:${eventId}:reporter`,
      recipientUnitCode: null,
      channelCode: complaint.channelCode,
      delivery,
      ticketStatus: step?.toStatus ?? complaint.status,
      sequence: String(BigInt(eventId) * 10n + BigInt(place)),
      message: render(texts[kind], values),
    }));
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    if (job.name === WRITE_NOTICES) {
      await this.deadLetters.recordIfFinal(NOTIFICATIONS_QUEUE, job, error);
    }
  }
}

/** A prelist stage as the reporter reads it in "rumah tangga Anda {{stage}}". */
const PRELIST_WORDS: Record<string, string> = {
  tercatat: 'telah tercatat',
  diverifikasi: 'telah diverifikasi petugas',
  dimusyawarahkan: 'telah dibahas dalam Musyawarah Kelurahan',
  dikirim: 'telah diusulkan untuk penetapan',
  diputuskan: 'telah diputuskan',
};

/** Which of the reporter's notices a step causes, in the order they are sent. */
export function reporterSteps(event: TicketEvent): ReporterNoticeKind[] {
  switch (event.type) {
    case 'routed':
    case 'assigned':
      return ['acknowledgement', 'placed'];
    case 'held-for-review':
    case 'located':
      return ['acknowledgement'];
    case 'disposition':
      return ['placed'];
    case 'approved':
      return ['done'];
    case 'rejected':
      return ['rejected'];
    case 'reopened':
    case 'disputed':
      return ['reopened'];
    case 'closed':
    case 'prelist-stage':
      return ['prelist'];
    default:
      return [];
  }
}

/** The notices an event causes to units, in Indonesian as the units read them. */
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
            delivery: 'webhook',
            ticketStatus: null,
            sequence: null,
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
  switch (event.type) {
    case 'routed':
    case 'assigned':
    case 'disposition':
      return assigned(event.data.toUnit);
    case 'reopened':
      return toUnit(
        'reopened',
        event.data.toUnit,
        `Pengaduan ${ticket.trackingNumber} dibuka kembali kepada unit Anda.`,
      );
    case 'disputed':
      return toUnit(
        'reopened',
        event.data.toUnit,
        `Pelapor mengajukan keberatan atas penyelesaian pengaduan ${ticket.trackingNumber}; tiket kembali kepada unit Anda (tindak lanjut ditolak). Lihat alasannya di riwayat tiket.`,
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
