import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Page, Roles } from '@crm/core';
import { Actor } from '../audit/audit-actor.decorator';
import { AuditActor, ReferenceAudit } from '../audit/reference-audit';
import { CategoryDto } from '../categories/categories.dto';
import { ChannelDto } from '../channels/channels.dto';
import { ReferenceCatalog } from '../reference-catalog';
import { UnitCodeParam, UnitWithSecretDto } from '../units/units.dto';
import {
  AuditEntryDto,
  AuditQuery,
  CategoryChangeDto,
  CategoryCodeParam,
  ChannelChangeDto,
  ChannelCodeParam,
  NewCategoryDto,
  NewUnitDto,
  UnitChangeDto,
} from './reference-admin.dto';
import { ReferenceAdministration } from './reference-administration';

/**
 * Jakarta's organisation as an admin keeps it (docs/api.md, "The desk"): units, categories and
 * channel settings — created and changed, never deleted — and the audit of every change. New
 * work uses a change at once, in every API and worker process.
 */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1')
@Roles('admin')
export class ReferenceAdminController {
  constructor(
    private readonly administration: ReferenceAdministration,
    private readonly catalog: ReferenceCatalog,
    private readonly audit: ReferenceAudit,
  ) {}

  /** A new unit: an agency, a Suku Dinas or another UKPD, a BUMD, or a partner (`mitra`) */
  @Post('units')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 409], {
    400: 'VALIDATION_FAILED: a wrong field, a region-shaped code, an unknown parent or region',
    409: 'UNIT_EXISTS',
  })
  async createUnit(
    @Body() body: NewUnitDto,
    @Actor() actor: AuditActor,
  ): Promise<UnitWithSecretDto> {
    // The address is checked before anything is written: a refused one creates no unit.
    if (body.webhookUrl) await this.catalog.checkWebhookHost(body.webhookUrl);
    const code = await this.administration.createUnit(body, actor);
    return this.withWebhook(code, body, actor);
  }

  /** Renames, moves or (de)activates a unit; a deactivated unit keeps the tickets it holds */
  @Patch('units/:code')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 404, 409], {
    400: 'VALIDATION_FAILED',
    404: 'UNIT_NOT_FOUND',
    409: 'UNIT_IN_USE: still the owner of a category or a channel',
  })
  async changeUnit(
    @Param() { code }: UnitCodeParam,
    @Body() body: UnitChangeDto,
    @Actor() actor: AuditActor,
  ): Promise<UnitWithSecretDto> {
    if (body.webhookUrl) await this.catalog.checkWebhookHost(body.webhookUrl);
    await this.administration.changeUnit(code, body, actor);
    return this.withWebhook(code, body, actor);
  }

  /**
   * The unit after its webhook is set as `PUT …/webhook` would (audited there), when the body
   * names one; a secret the service generated is answered this once.
   */
  private async withWebhook(
    code: string,
    body: Pick<NewUnitDto, 'webhookUrl' | 'webhookSecret'>,
    actor: AuditActor,
  ): Promise<UnitWithSecretDto> {
    if (body.webhookUrl === undefined) return this.catalog.getUnit(code, { admin: true });
    if (body.webhookUrl === null) return this.catalog.setWebhook(code, null, actor);
    const secret = body.webhookSecret ?? randomBytes(32).toString('hex');
    const unit = await this.catalog.setWebhook(code, { url: body.webhookUrl, secret }, actor);
    return body.webhookSecret ? unit : { ...unit, webhookSecret: secret };
  }

  /** A new category, or a programme under one (KJP Plus under bantuan-pendidikan) */
  @Post('categories')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 409], {
    400: 'VALIDATION_FAILED: a wrong field, an unknown or inactive owner, an unknown parent',
    409: 'CATEGORY_EXISTS',
  })
  async createCategory(
    @Body() body: NewCategoryDto,
    @Actor() actor: AuditActor,
  ): Promise<CategoryDto> {
    const code = await this.administration.createCategory(body, actor);
    return (await this.catalog.listCategories(true, code))[0];
  }

  @Patch('categories/:code')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 404], { 400: 'VALIDATION_FAILED', 404: 'CATEGORY_NOT_FOUND' })
  async changeCategory(
    @Param() { code }: CategoryCodeParam,
    @Body() body: CategoryChangeDto,
    @Actor() actor: AuditActor,
  ): Promise<CategoryDto> {
    await this.administration.changeCategory(code, body, actor);
    return (await this.catalog.listCategories(true, code))[0];
  }

  /** The unit that answers for a channel, and whether operators may enter complaints on it */
  @Patch('channels/:code')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 404], { 400: 'VALIDATION_FAILED', 404: 'CHANNEL_NOT_FOUND' })
  async changeChannel(
    @Param() { code }: ChannelCodeParam,
    @Body() body: ChannelChangeDto,
    @Actor() actor: AuditActor,
  ): Promise<ChannelDto> {
    await this.administration.changeChannel(code, body, actor);
    return (await this.catalog.getChannel(code))!;
  }

  /** Who changed which reference data, when, from what to what; newest first */
  @Get('audit')
  @HttpCode(200)
  @ApiErrorResponses([400])
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryDto>> {
    return this.audit.list(query);
  }
}
