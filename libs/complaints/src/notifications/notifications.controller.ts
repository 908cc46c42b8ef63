import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource, Raw } from 'typeorm';
import { CurrentPrincipal, Page, PageQuery, Principal, Roles } from '@crm/core';
import { RESTRICTED_CHANNEL } from '../read/complaint-access';
import { Notification } from './notification.entity';

const STATUSES = ['pending', 'delivered', 'logged', 'failed'] as const;

class NotificationQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class NotificationDto {
  id: string;
  complaintId: string;
  kind: string;
  recipientUnit: string | null;
  channel: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** Delivery of notices, so that failures are seen and followed up (newest first). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('admin', 'diskominfo')
  async list(
    @Query() query: NotificationQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<NotificationDto>> {
    // Inspektorat complaints are absent from everyone's lists but the Inspektorat's and admins'.
    const restricted =
      principal.role === 'admin'
        ? {}
        : {
            complaintId: Raw(
              (column) =>
                `NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = ${column} AND c.channel_code = :restricted)`,
              { restricted: RESTRICTED_CHANNEL },
            ),
          };
    const [rows, total] = await this.dataSource.manager.findAndCount(Notification, {
      where: { ...(query.status ? { status: query.status } : {}), ...restricted },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return {
      data: rows.map((n) => ({
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
      })),
      meta: { total, page: query.page, limit: query.limit },
    };
  }
}
