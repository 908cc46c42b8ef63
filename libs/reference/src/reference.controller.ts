import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AnyRole,
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  listOf,
  ListQuery,
  ListResponse,
  Principal,
} from '@crm/core';
import { CategoryDto, CategoryQuery } from './categories/categories.dto';
import { ChannelDto } from './channels/channels.dto';
import { ReferenceCatalog, UnitReader } from './reference-catalog';
import { UnitCodeParam, UnitDto, UnitQueryDto } from './units/units.dto';

const readerOf = (principal: Principal): UnitReader => ({ admin: principal.role === 'admin' });

@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1')
@AnyRole()
export class ReferenceController {
  constructor(private readonly catalog: ReferenceCatalog) {}

  /** The 13 official complaint channels and who answers for each */
  @Get('channels')
  async channels(@Query() query: ListQuery): Promise<ListResponse<ChannelDto>> {
    return listOf(await this.catalog.listChannels(), query);
  }

  /** Complaint categories with the programme owner each is routed to by default */
  @Get('categories')
  async categories(
    @Query() query: CategoryQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListResponse<CategoryDto>> {
    const all = query.includeInactive === true && principal.role === 'admin';
    return listOf(await this.catalog.listCategories(all), query);
  }

  /** Units that can hold tickets: regional offices, agencies, BUMD, partners */
  @Get('units')
  async units(
    @Query() query: UnitQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ListResponse<UnitDto>> {
    return listOf(await this.catalog.listUnits(query, readerOf(principal)), query);
  }

  @Get('units/:code')
  @ApiErrorResponses([404], { 404: 'UNIT_NOT_FOUND' })
  unit(
    @Param() { code }: UnitCodeParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UnitDto> {
    return this.catalog.getUnit(code, readerOf(principal));
  }
}
