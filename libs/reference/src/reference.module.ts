import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceAdminController } from './admin/reference-admin.controller';
import { ReferenceAdministration } from './admin/reference-administration';
import { AuditEntry } from './audit/audit-entry.entity';
import { ReferenceAudit } from './audit/reference-audit';
import { Category } from './categories/category.entity';
import { Channel } from './channels/channel.entity';
import { Holiday } from './holidays/holiday.entity';
import { HolidayCalendar } from './holidays/holiday-calendar';
import { HolidaysController } from './holidays/holidays.controller';
import { ReferenceCache } from './reference-cache';
import { ReferenceChanges } from './reference-changes';
import { ReferenceCatalog } from './reference-catalog';
import { UnitWebhooksController } from './units/unit-webhooks.controller';
import { ReferenceController } from './reference.controller';
import { Region } from './regions/region.entity';
import { RegionDirectory } from './regions/region-directory';
import { RegionsController } from './regions/regions.controller';
import { Unit } from './units/unit.entity';
import { ResponseTemplate } from './response-templates/response-template.entity';
import { ResponseTemplates } from './response-templates/response-templates';
import { ResponseTemplatesController } from './response-templates/response-templates.controller';

/**
 * Regions with boundaries, units, channels, categories and the holiday calendar; their
 * administration and its audit.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Region,
      Unit,
      Channel,
      Category,
      Holiday,
      AuditEntry,
      ResponseTemplate,
    ]),
  ],
  controllers: [
    ReferenceController,
    ReferenceAdminController,
    RegionsController,
    HolidaysController,
    UnitWebhooksController,
    ResponseTemplatesController,
  ],
  providers: [
    ReferenceCatalog,
    ReferenceCache,
    ReferenceChanges,
    ReferenceAdministration,
    ReferenceAudit,
    ResponseTemplates,
    RegionDirectory,
    HolidayCalendar,
  ],
  exports: [
    ReferenceCatalog,
    ReferenceCache,
    ReferenceChanges,
    ReferenceAudit,
    RegionDirectory,
    HolidayCalendar,
  ],
})
export class ReferenceModule {}
