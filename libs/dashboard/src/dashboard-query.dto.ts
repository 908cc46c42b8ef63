import { IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ListQuery, saying } from '@crm/core';
import { TicketFilters } from '@crm/tickets';

/** A calendar date (a whole day in Jakarta time) or an instant with its offset. */
const DATE_OR_INSTANT =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_MESSAGE = saying(
  'harus tanggal (2026-01-31) atau tanggal dan waktu dengan zona (2026-01-31T08:00:00+07:00)',
  'must be a date (2026-01-31) or a date-time with offset (2026-01-31T08:00:00+07:00)',
);
const QUARTER = saying('harus 1, 2, 3 atau 4', 'must be 1, 2, 3 or 4');

/** The filters every dashboard figure accepts. */

export class DashboardFilterQuery extends TicketFilters {
  /** Received on or after (a date means from 00:00 Jakarta time) */
  @IsOptional()
  @Matches(DATE_OR_INSTANT, DATE_MESSAGE)
  from?: string;

  /** Received on or before (a date includes that whole day; an instant is exclusive) */
  @IsOptional()
  @Matches(DATE_OR_INSTANT, DATE_MESSAGE)
  to?: string;
}

export class SummaryQuery extends DashboardFilterQuery {
  /** Trend buckets; by default days up to 92 days, weeks beyond */
  @IsOptional()
  @IsIn(['day', 'week'])
  interval?: 'day' | 'week';
}

export const REGION_LEVELS = ['kota', 'kecamatan', 'kelurahan'] as const;
export type DashboardRegionLevel = (typeof REGION_LEVELS)[number];

export class RegionsQuery extends IntersectionType(DashboardFilterQuery, ListQuery) {
  @IsIn(
    REGION_LEVELS,
    saying('harus kota, kecamatan atau kelurahan', 'must be kota, kecamatan or kelurahan'),
  )
  level: DashboardRegionLevel;

  @IsOptional()
  @IsIn(['json', 'geojson'], saying('harus json atau geojson', 'must be json or geojson'))
  format?: 'json' | 'geojson';
}

export class QuarterlyQuery {
  @Type(() => Number)
  @IsInt(saying('harus tahun seperti 2026', 'must be a year such as 2026'))
  @Min(2000)
  @Max(2100)
  year: number;

  /** Triwulan I = January–March, … IV = October–December */
  @Type(() => Number)
  @IsInt(QUARTER)
  @Min(1, QUARTER)
  @Max(4, QUARTER)
  quarter: number;
}
