import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Page,
  Principal,
  Roles,
} from '@crm/core';
import { ComplaintIdParam } from '@crm/tickets';
import { NoticeReader } from './notice-reader';
import { ComplaintNoticeDto, ReplyIdParam, ReplyQuery, ReplyTaskDto } from './notifications.dto';

/** Every message about one ticket: to the reporter and to units, and how each went. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400, 404], { 404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see" })
@Controller('api/v1/complaints/:id/notices')
export class ComplaintNoticesController {
  constructor(private readonly notices: NoticeReader) {}

  @Get()
  @Roles('diskominfo', 'admin')
  list(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintNoticeDto[]> {
    return this.notices.ofComplaint(id, principal);
  }
}

/**
 * Reply tasks: the reporter's notices on channels a person answers on (social media, mass media,
 * the walk-in offices), with the text to post, for the channel's operators.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/replies')
export class RepliesController {
  constructor(private readonly notices: NoticeReader) {}

  @Get()
  @Roles('operator', 'diskominfo', 'admin')
  list(
    @Query() query: ReplyQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ReplyTaskDto>> {
    return this.notices.replies(query, principal);
  }

  /** The operator posted it */
  @Post(':id/sent')
  @HttpCode(200)
  @ApiErrorResponses([404], { 404: 'REPLY_NOT_FOUND: unknown, or not on the caller’s channels' })
  @Roles('operator', 'diskominfo', 'admin')
  markSent(
    @Param() { id }: ReplyIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReplyTaskDto> {
    return this.notices.markReplySent(id, principal);
  }
}
