import { Actor } from '../audit/audit-actor.decorator';
import { AuditActor } from '../audit/reference-audit';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AnyRole,
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  listOf,
  ListResponse,
  Roles,
} from '@crm/core';
import { HolidayCalendar } from './holiday-calendar';
import { CreateHolidayDto, HolidayDateParam, HolidayDto, HolidayQueryDto } from './holidays.dto';

@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/holidays')
export class HolidaysController {
  constructor(private readonly calendar: HolidayCalendar) {}

  /** National holidays and cuti bersama that working-day deadlines skip */
  @Get()
  @AnyRole()
  async list(@Query() query: HolidayQueryDto): Promise<ListResponse<HolidayDto>> {
    return listOf(await this.calendar.list(query.year), query);
  }

  /** Add a day (e.g. a cuti bersama set by a new SKB) */
  @Post()
  @ApiJsonBodyErrors()
  @ApiErrorResponses([409], { 409: 'HOLIDAY_EXISTS: that day is already a holiday' })
  @Roles('admin')
  add(@Body() body: CreateHolidayDto, @Actor() actor: AuditActor): Promise<HolidayDto> {
    return this.calendar.add(body, actor);
  }

  @Delete(':date')
  @ApiErrorResponses([404], { 404: 'HOLIDAY_NOT_FOUND' })
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param() { date }: HolidayDateParam, @Actor() actor: AuditActor): Promise<void> {
    return this.calendar.remove(date, actor);
  }
}
