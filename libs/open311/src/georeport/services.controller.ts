import { Controller, Get, Param, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiGeoReportErrorResponses, Public } from '@crm/core';
import { GeoReportExceptionFilter } from './georeport-exception.filter';
import { GeoReportReply } from './georeport-format';
import { GeoReportFormatInterceptor } from './georeport-format.interceptor';
import { ServiceCatalog } from './service-catalog';

const FORMAT = { name: 'format', enum: ['json', 'xml'], description: 'Representation' };
const CATALOGUE_IS_PUBLIC =
  'GeoReport v2 service discovery: the complaint categories, no complaint or personal data';

/** GeoReport v2 service discovery: the complaint categories and their attributes. */
@ApiTags('open311')
@ApiProduces('application/json', 'application/xml')
@UseFilters(GeoReportExceptionFilter)
@UseInterceptors(GeoReportFormatInterceptor)
@ApiGeoReportErrorResponses([404, 429], {
  404: 'An unknown service_code, or an extension other than .json or .xml',
})
@Controller('open311/v2')
export class ServicesController {
  constructor(private readonly catalog: ServiceCatalog) {}

  /** Every service (complaint category) with its group and keywords */
  @Get('services.:format')
  @Public(CATALOGUE_IS_PUBLIC)
  @ApiParam(FORMAT)
  async list(): Promise<GeoReportReply> {
    return new GeoReportReply('services', 'service', await this.catalog.list());
  }

  /** A service's definition: the attributes a request for it needs */
  @Get('services/:service_code.:format')
  @Public(CATALOGUE_IS_PUBLIC)
  @ApiParam(FORMAT)
  @ApiParam({ name: 'service_code', description: 'A service_code from services.json' })
  async definition(@Param('service_code') code: string): Promise<GeoReportReply> {
    return new GeoReportReply('service_definition', null, await this.catalog.definition(code));
  }
}
