import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional } from 'class-validator';
import { PageQuery } from '@crm/core';
import { COMPLAINT_STATUSES, ComplaintStatus } from '../tickets/complaint-status';
import { TicketFilters } from './ticket-filters.dto';

const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters of `GET /api/v1/complaints` (api.md, "Handling"). */
export class ComplaintListQuery extends IntersectionType(PageQuery, TicketFilters) {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

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
