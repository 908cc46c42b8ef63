import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsDateOrInstant, PageQuery } from '@crm/core';
import { TICKET_STATUSES, TicketStatus } from '../ticket-status';
import { TicketFilters } from './ticket-filters.dto';

const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Filters of `GET /api/v1/complaints` (docs/api.md, "Handling"). */
export class ComplaintListQuery extends IntersectionType(PageQuery, TicketFilters) {
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  emergency?: boolean;

  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  overdue?: boolean;

  /** Received at or after (a date or a date-time with offset) */
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  /** Received before (a date or a date-time with offset) */
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}
