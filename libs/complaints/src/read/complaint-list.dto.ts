import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@crm/core';
import { IsKecamatanCode, IsKelurahanCode, IsKotaCode } from '@crm/reference';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../tickets/complaint-status';

const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters of `GET /api/v1/complaints` (api.md, "Handling"). */
export class ComplaintListQuery extends PageQuery {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  channel?: string;

  @IsOptional()
  @IsString()
  @MaxLength(48)
  category?: string;

  @IsOptional()
  @IsKelurahanCode()
  kelurahan?: string;

  @IsOptional()
  @IsKecamatanCode()
  kecamatan?: string;

  @IsOptional()
  @IsKotaCode()
  kota?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  unit?: string;

  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  emergency?: boolean;

  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  overdue?: boolean;

  /** Received at or after (ISO 8601) */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Received before (ISO 8601) */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
