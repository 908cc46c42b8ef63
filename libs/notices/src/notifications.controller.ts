import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Page,
  Principal,
  Roles,
} from '@crm/core';
import { NoticeReader } from './notice-reader';
import { NotificationDto, NotificationQuery } from './notifications.dto';

/** Delivery of notices, so that failures are seen and followed up (newest first). */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notices: NoticeReader) {}

  @Get()
  @Roles('admin', 'diskominfo')
  list(
    @Query() query: NotificationQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<NotificationDto>> {
    return this.notices.list(query, principal);
  }
}
