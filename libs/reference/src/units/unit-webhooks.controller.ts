import { Body, Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { Actor } from '../audit/audit-actor.decorator';
import { AuditActor } from '../audit/reference-audit';
import { ReferenceCatalog } from '../reference-catalog';
import { UnitCodeParam, UnitDto, UnitWebhookDto } from './units.dto';

/** Where a unit receives notices of assignments and escalations (admins configure it). */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400, 404], { 404: 'UNIT_NOT_FOUND' })
@Controller('api/v1/units/:code/webhook')
@Roles('admin')
export class UnitWebhooksController {
  constructor(private readonly catalog: ReferenceCatalog) {}

  @Put()
  @ApiJsonBodyErrors()
  async set(
    @Param() { code }: UnitCodeParam,
    @Body() body: UnitWebhookDto,
    @Actor() actor: AuditActor,
  ): Promise<UnitDto> {
    return this.catalog.setWebhook(code, body, actor);
  }

  /** Notices are logged again instead of delivered. */
  @Delete()
  remove(@Param() { code }: UnitCodeParam, @Actor() actor: AuditActor): Promise<UnitDto> {
    return this.catalog.setWebhook(code, null, actor);
  }
}
