import { applyDecorators } from '@nestjs/common';
import { ListQuery, saying } from '@crm/core';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { HOLIDAY_KINDS, HolidayKind } from './holiday.entity';

export class HolidayDto {
  /** YYYY-MM-DD (Jakarta calendar date) */
  date: string;
  name: string;
  /** libur_nasional or cuti_bersama */
  kind: HolidayKind;
  legalBasis: string;
}

export class HolidayQueryDto extends ListQuery {
  @IsOptional()
  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt(saying('harus tahun seperti 2026', 'must be a year such as 2026'))
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** A day as YYYY-MM-DD that exists in the calendar (2026-02-30 does not). */
const IsCalendarDate = () =>
  applyDecorators(
    Matches(
      /^\d{4}-\d{2}-\d{2}$/,
      saying('harus tanggal berbentuk YYYY-MM-DD', 'must be a date as YYYY-MM-DD'),
    ),
    IsISO8601(
      { strict: true },
      saying('harus tanggal yang ada di kalender', 'must be a real calendar date'),
    ),
  );

export class CreateHolidayDto {
  /** YYYY-MM-DD */
  @IsCalendarDate()
  date: string;

  @IsString()
  @Length(3, 160)
  name: string;

  @IsIn(HOLIDAY_KINDS)
  kind: HolidayKind;

  /** The decree that sets the day, e.g. the SKB number */
  @IsString()
  @Length(3, 200)
  legalBasis: string;
}

export class HolidayDateParam {
  @IsCalendarDate()
  date: string;
}
