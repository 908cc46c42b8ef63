import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { Actor, AuditActor } from '@crm/reference';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AnyRole,
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  listOf,
  ListQuery,
  ListResponse,
  Roles,
} from '@crm/core';
import { SlaCalendar } from './sla-calendar';
import { SlaRuleDto } from './sla-rule.dto';

/** The deadline rules (docs/lifecycle.md): everyone may read them, admins set them. */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/sla-rules')
export class SlaRulesController {
  constructor(private readonly calendar: SlaCalendar) {}

  @Get()
  @AnyRole()
  async list(@Query() query: ListQuery): Promise<ListResponse<SlaRuleDto>> {
    const rules = await this.calendar.listRules();
    return listOf(
      rules.map(({ id: _id, ...rule }) => rule as SlaRuleDto),
      query,
    );
  }

  /** Adds a rule or replaces the one for the same clock, unit type and category. */
  @Put()
  @ApiJsonBodyErrors()
  @Roles('admin')
  async set(@Body() body: SlaRuleDto, @Actor() actor: AuditActor): Promise<SlaRuleDto> {
    await this.calendar.setRule(body, actor);
    return body;
  }
}
