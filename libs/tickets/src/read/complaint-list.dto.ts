import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDateOrInstant, PageQuery, saying } from '@crm/core';
import { TICKET_PRIORITIES, TICKET_STATUSES, TicketPriority, TicketStatus } from '../ticket-status';
import { normaliseTrackingNumber, TRACKING_NUMBER_PATTERN } from '../tracking-number';
import { TicketFilters } from './ticket-filters.dto';

const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** How a list is ordered (docs/desk.md). */
export const LIST_ORDERS = ['newest', 'priority'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

/** The filters of the complaint list, shared by its CSV export (docs/api.md, "Handling"). */
export class ComplaintFilters extends TicketFilters {
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

  /**
   * Words in the description, the address or a follow-up's note, in any order; each word
   * matches as a prefix (`salur` finds `saluran`), accents and case aside
   */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** The public tracking number, as typed (`jkt-7k2m-…` is the same number) */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseTrackingNumber(value) : value,
  )
  @Matches(
    TRACKING_NUMBER_PATTERN,
    saying('harus nomor lacak seperti JKT-XXXX-XXXX-XXXX', 'must look like JKT-XXXX-XXXX-XXXX'),
  )
  trackingNumber?: string;

  /** The SP4N-LAPOR! tracking id a caller reads out */
  @IsOptional()
  @Matches(
    /^[A-Za-z0-9-]{4,40}$/,
    saying('harus nomor lacak LAPOR!', 'must be a LAPOR! tracking id'),
  )
  laporTrackingId?: string;

  /**
   * The reporter's phone number (0812…, +62 812…): matched through its keyed hash, never stored
   * or logged in clear; a reporter who asked to stay anonymous is found by Diskominfo only
   */
  @IsOptional()
  // A `+` left unencoded in a URL arrives as a space: the number is the same.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(/^\+?[0-9][0-9 -]{5,22}$/, saying('harus nomor telepon', 'must be a telephone number'))
  reporterPhone?: string;

  /** `me`: the tickets the caller was named to handle; `none`: nobody named yet */
  @IsOptional()
  @IsIn(['me', 'none'], saying('harus me atau none', 'must be me or none'))
  assignee?: 'me' | 'none';

  @IsOptional()
  @IsIn(
    TICKET_PRIORITIES,
    saying(
      `harus salah satu dari ${TICKET_PRIORITIES.join(', ')}`,
      `must be one of ${TICKET_PRIORITIES.join(', ')}`,
    ),
  )
  priority?: TicketPriority;

  /**
   * `newest` (the default): newest first; `priority`: a queue's order — darurat, then tinggi,
   * then biasa, and within each the earliest deadline first (overdue at the top), then the oldest
   */
  @IsOptional()
  @IsIn(LIST_ORDERS, saying('harus newest atau priority', 'must be newest or priority'))
  sort?: ListOrder;
}

/** `GET /api/v1/complaints`: the filters, a page at a time. */
export class ComplaintListQuery extends IntersectionType(PageQuery, ComplaintFilters) {}
