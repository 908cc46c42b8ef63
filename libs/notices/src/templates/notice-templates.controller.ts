import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { Actor, AuditActor } from '@crm/reference';
import { NoticeTemplateStore } from './notice-template-store';
import {
  NoticeTemplateBodyDto,
  NoticeTemplateDto,
  NoticeTemplateKindParam,
} from './notice-templates.dto';

/** The texts of the reporter's notices, which an admin may reword (docs/notifications.md). */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400], {
  400: 'VALIDATION_FAILED: an unknown kind, or a placeholder the notice does not have',
})
@Controller('api/v1/notice-templates')
export class NoticeTemplatesController {
  constructor(private readonly templates: NoticeTemplateStore) {}

  @Get()
  @Roles('admin', 'diskominfo')
  list(): Promise<NoticeTemplateDto[]> {
    return this.templates.list();
  }

  @Put(':kind')
  @ApiJsonBodyErrors()
  @Roles('admin')
  save(
    @Param() { kind }: NoticeTemplateKindParam,
    @Body() body: NoticeTemplateBodyDto,
    @Actor() actor: AuditActor,
  ): Promise<NoticeTemplateDto> {
    return this.templates.save(kind, body.text, actor);
  }
}
