import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  CurrentPrincipal,
  listOf,
  ListResponse,
  Principal,
  Roles,
} from '@crm/core';
import { Actor } from '../audit/audit-actor.decorator';
import { AuditActor } from '../audit/reference-audit';
import { ResponseTemplates } from './response-templates';
import {
  NewResponseTemplateDto,
  ResponseTemplateChangeDto,
  ResponseTemplateDto,
  ResponseTemplateIdParam,
  ResponseTemplateQuery,
} from './response-templates.dto';

/** Texts per category and stage that staff start from (docs/api.md, "The desk"). */
@ApiTags('desk')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1/response-templates')
export class ResponseTemplatesController {
  constructor(private readonly templates: ResponseTemplates) {}

  /** A category's templates with those for every category, active ones (admins: all on asking) */
  @Get()
  @Roles('operator', 'diskominfo', 'unit', 'admin')
  @ApiErrorResponses([400])
  async list(
    @Query() query: ResponseTemplateQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListResponse<ResponseTemplateDto>> {
    return listOf(await this.templates.list(query, principal.role === 'admin'), query);
  }

  @Post()
  @Roles('admin')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400], { 400: 'VALIDATION_FAILED: a wrong field or an unknown category' })
  create(
    @Body() body: NewResponseTemplateDto,
    @Actor() actor: AuditActor,
  ): Promise<ResponseTemplateDto> {
    return this.templates.create(body, actor);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 404], { 400: 'VALIDATION_FAILED', 404: 'TEMPLATE_NOT_FOUND' })
  change(
    @Param() { id }: ResponseTemplateIdParam,
    @Body() body: ResponseTemplateChangeDto,
    @Actor() actor: AuditActor,
  ): Promise<ResponseTemplateDto> {
    return this.templates.change(id, body, actor);
  }
}
