import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Category } from './categories/category.entity';
import { Channel } from './channels/channel.entity';
import { Holiday } from './holidays/holiday.entity';
import { HolidayCalendar } from './holidays/holiday-calendar';
import { HolidaysController } from './holidays/holidays.controller';
import { ReferenceCache } from './reference-cache';
import { ReferenceCatalog } from './reference-catalog';
import { UnitWebhooksController } from './units/unit-webhooks.controller';
import { ReferenceController } from './reference.controller';
import { Region } from './regions/region.entity';
import { RegionDirectory } from './regions/region-directory';
import { RegionsController } from './regions/regions.controller';
import { Unit } from './units/unit.entity';

/** Regions with boundaries, units, channels, categories and the holiday calendar. */
@Module({
  imports: [TypeOrmModule.forFeature([Region, Unit, Channel, Category, Holiday])],
  controllers: [ReferenceController, RegionsController, HolidaysController, UnitWebhooksController],
  providers: [ReferenceCatalog, ReferenceCache, RegionDirectory, HolidayCalendar],
  exports: [ReferenceCatalog, ReferenceCache, RegionDirectory, HolidayCalendar],
})
export class ReferenceModule {}
