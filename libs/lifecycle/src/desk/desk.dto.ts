import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { saying } from '@crm/core';
import { TICKET_PRIORITIES, TicketPriority } from '@crm/tickets';
import { ValidationDto } from '../lifecycle.dto';

export class NewNoteDto {
  /** The note, for staff only: never shown to the reporter or the public */
  @IsString()
  @Length(2, 4000)
  text: string;
}

export class RecategoriseDto {
  /** The category it belongs to (`GET /api/v1/categories`) */
  @IsString()
  @Length(2, 48)
  category: string;

  /** Why, for the history */
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class AssigneeChangeDto {
  /** The staff member's `sub` (as in their token); null to name nobody */
  @ValidateIf((body: AssigneeChangeDto) => body.sub !== null)
  @IsString()
  @Length(1, 200)
  sub: string | null;

  /** Their name, as colleagues know it */
  @ValidateIf((body: AssigneeChangeDto) => body.sub !== null || body.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class PriorityDto {
  @IsIn(
    TICKET_PRIORITIES,
    saying(
      `harus salah satu dari ${TICKET_PRIORITIES.join(', ')}`,
      `must be one of ${TICKET_PRIORITIES.join(', ')}`,
    ),
  )
  priority: TicketPriority;
}

export class BulkValidationItemDto extends ValidationDto {
  /** The ticket's id */
  @IsUUID('all')
  id: string;

  /** The ETag of the ticket as the validator read it (`W/"7"`): a ticket changed since is refused */
  @IsString()
  @Length(1, 20)
  ifMatch: string;
}

export class BulkValidationDto {
  /** Up to 100 tickets, each validated on its own */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkValidationItemDto)
  items: BulkValidationItemDto[];
}

/** One item's outcome: its new state, or the error it would have had alone. */
export class BulkValidationResultDto {
  id: string;
  /** The HTTP status a single validation of this ticket would have answered */
  statusCode: number;
  /** The ticket's status after the validation (when it was done) */
  status?: string;
  /** Its new version, the next `If-Match` (when it was done) */
  version?: number;
  /** The error, in the API's error shape (when it was refused) */
  error?: { code: string; message: string; details: unknown[] };
}

export class BulkValidationAnswerDto {
  results: BulkValidationResultDto[];
  /** How many were done and how many refused */
  done: number;
  refused: number;
}
