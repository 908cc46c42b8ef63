import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApiError, bilingual, Page, Principal } from '@crm/core';
import { TicketAccess, TicketReader } from '@crm/tickets';
import { Notification } from './notification.entity';
import type {
  ComplaintNoticeDto,
  NotificationDto,
  NotificationQuery,
  ReplyQuery,
  ReplyTaskDto,
} from './notifications.dto';
import { ReporterLinks } from './reporter/reporter-links';
import { render } from './templates/notice-templates';

/** A reply task is due a day after the step it tells of (a local decision). */
const REPLY_DUE_MS = 24 * 3_600_000;

/** A unit's notice's status in the words of a ticket's notice list. */
const AS_SENT: Record<string, ComplaintNoticeDto['status']> = {
  delivered: 'sent',
  logged: 'not_configured',
};

/**
 * The notices of the tickets the caller may see — their list starts from the tickets' scope, so
 * an Inspektorat complaint's notices are absent from everyone's list but the Inspektorat's and
 * admins'.
 */
@Injectable()
export class NoticeReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    private readonly tickets: TicketReader,
    private readonly links: ReporterLinks,
  ) {}

  /** Every message about one ticket, oldest first: to the reporter and to units. */
  async ofComplaint(id: string, principal: Principal): Promise<ComplaintNoticeDto[]> {
    await this.tickets.readable(id, principal);
    const rows = await this.dataSource.manager.find(Notification, {
      where: { complaintId: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((n) => ({
      id: n.id,
      recipient: n.recipientUnitCode ?? 'reporter',
      kind: n.kind,
      channel: n.delivery,
      status: AS_SENT[n.status] ?? (n.status as ComplaintNoticeDto['status']),
      attempts: n.attempts,
      lastError: n.lastError,
      text: n.message,
      version: Number(n.sequence ?? n.id),
      createdAt: n.createdAt.toISOString(),
      sentAt: n.deliveredAt?.toISOString() ?? null,
    }));
  }

  /** The reply tasks of the caller's channels (an operator's desk), oldest first. */
  async replies(query: ReplyQuery, principal: Principal): Promise<Page<ReplyTaskDto>> {
    const page = { page: query.page, limit: query.limit };
    const scoped = this.access.replyScope(principal);
    if (!scoped) return { data: [], meta: { total: 0, ...page } };
    scoped.and((p) => `n.delivery = ${p}`, 'reply');
    if (query.status) scoped.and((p) => `n.status = ${p}`, query.status);
    const from = `notifications n JOIN complaints c ON c.id = n.complaint_id WHERE ${scoped.where}`;
    const [rows, [{ total }]]: [ReplyRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.complaint_id, c.tracking_number, c.channel_code, n.kind, n.message,
                n.status, n.created_at, n.delivered_at
           FROM ${from} ORDER BY n.id LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        scoped.params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, scoped.params),
    ]);
    return { data: rows.map((row) => this.replyTask(row)), meta: { total, ...page } };
  }

  /** The operator posted the reply: the task is done (404 unless it is one of theirs). */
  async markReplySent(id: string, principal: Principal): Promise<ReplyTaskDto> {
    const scoped = this.access.replyScope(principal);
    const notFound = new ApiError(
      HttpStatus.NOT_FOUND,
      'REPLY_NOT_FOUND',
      bilingual(
        'Tugas balasan tidak ditemukan di saluran Anda',
        'No such reply task on your channels',
      ),
    );
    if (!scoped) throw notFound;
    scoped.and((p) => `n.id = ${p}`, id);
    scoped.and((p) => `n.delivery = ${p}`, 'reply');
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [ReplyRow[], number] = await this.dataSource.query(
      `UPDATE notifications n
          SET status = 'sent', delivered_at = COALESCE(n.delivered_at, now()), last_error = NULL
         FROM complaints c
        WHERE c.id = n.complaint_id AND ${scoped.where}
        RETURNING n.id, n.complaint_id, c.tracking_number, c.channel_code, n.kind, n.message,
                  n.status, n.created_at, n.delivered_at`,
      scoped.params,
    );
    if (!row) throw notFound;
    return this.replyTask(row);
  }

  private replyTask(row: ReplyRow): ReplyTaskDto {
    const reporterUrl = this.links.url(row.complaint_id);
    return {
      id: String(row.id),
      complaintId: row.complaint_id,
      trackingNumber: row.tracking_number,
      channel: row.channel_code,
      kind: row.kind,
      text: render(row.message, { reporterUrl }),
      reporterUrl,
      status: row.status === 'sent' ? 'sent' : 'pending',
      dueAt: new Date(row.created_at.getTime() + REPLY_DUE_MS).toISOString(),
      sentAt: row.delivered_at?.toISOString() ?? null,
    };
  }

  async list(query: NotificationQuery, principal: Principal): Promise<Page<NotificationDto>> {
    const page = { page: query.page, limit: query.limit };
    const scoped = this.access.listScope(principal);
    if (!scoped) return { data: [], meta: { total: 0, ...page } };
    if (query.status) scoped.and((p) => `n.status = ${p}`, query.status);
    const from = `notifications n JOIN complaints c ON c.id = n.complaint_id WHERE ${scoped.where}`;
    const [ids, [{ total }]]: [{ id: string }[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id FROM ${from} ORDER BY n.created_at DESC, n.id DESC
          LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        scoped.params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, scoped.params),
    ]);
    const rows = await this.dataSource.manager.findBy(Notification, {
      id: In(ids.map(({ id }) => id)),
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      data: ids.map(({ id }) => {
        const n = byId.get(id)!;
        return {
          id: n.id,
          complaintId: n.complaintId,
          kind: n.kind,
          recipientUnit: n.recipientUnitCode,
          channel: n.channelCode,
          delivery: n.delivery,
          status: n.status,
          attempts: n.attempts,
          lastError: n.lastError,
          createdAt: n.createdAt.toISOString(),
          deliveredAt: n.deliveredAt?.toISOString() ?? null,
        };
      }),
      meta: { total, ...page },
    };
  }
}

interface ReplyRow {
  id: string;
  complaint_id: string;
  tracking_number: string;
  channel_code: string;
  kind: string;
  message: string;
  status: string;
  created_at: Date;
  delivered_at: Date | null;
}
