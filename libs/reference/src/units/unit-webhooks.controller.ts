import { Body, Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { ReferenceCache } from '../reference-cache';
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
  constructor(
    private readonly catalog: ReferenceCatalog,
    private readonly cache: ReferenceCache,
  ) {}

  @Put()
  @ApiJsonBodyErrors()
  async set(@Param() { code }: UnitCodeParam, @Body() body: UnitWebhookDto): Promise<UnitDto> {
    const unit = await this.catalog.setWebhook(code, body);
    this.cache.invalidate();
    return unit;
  }

  /** Notices are logged again instead of delivered. */
  @Delete()
  async remove(@Param() { code }: UnitCodeParam): Promise<UnitDto> {
    const unit = await this.catalog.setWebhook(code, null);
    this.cache.invalidate();
    return unit;
  }
}
