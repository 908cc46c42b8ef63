import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Page, Principal } from '@crm/core';
import { TicketAccess } from '@crm/tickets';
import { Notification } from './notification.entity';
import type { NotificationDto, NotificationQuery } from './notifications.dto';

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
  ) {}

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
