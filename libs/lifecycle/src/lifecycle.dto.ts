import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsInstant, saying } from '@crm/core';
import { DISPOSITION_REASONS, DispositionReason } from '@crm/tickets';

export class DispositionDto {
  /** The unit that should handle the ticket (a kelurahan code, `dinsos`, `pam-jaya`, …). */
  @IsString()
  @Length(2, 40)
  toUnit: string;

  /**
   * Why, in the officer's words (`Urusan kartu sosial, bukan wilayah.`); a reason code given here
   * (`wrong-area`, …) is read as `reasonCode`.
   */
  @IsString()
  @Length(2, 2000)
  reason: string;

  /** Why, as a code: wrong-area, wrong-function, needs-other-agency, review, other */
  @IsOptional()
  @IsIn(
    DISPOSITION_REASONS,
    saying(
      `harus salah satu dari ${DISPOSITION_REASONS.join(', ')}`,
      `must be one of ${DISPOSITION_REASONS.join(', ')}`,
    ),
  )
  reasonCode?: DispositionReason;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class FollowUpDto {
  @IsString()
  @Length(3, 4000)
  note: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  evidence?: string[];

  /** Photos or documents of the work, uploaded first (`POST …/attachments`, kind `evidence`) */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];

  /** When the work was done (a date-time with offset); defaults to now. */
  @IsOptional()
  @IsInstant()
  doneAt?: string;
}

export class ValidationDto {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  /** Required when rejecting: what the unit must still do. */
  @ValidateIf((body: ValidationDto) => body.decision === 'reject' || body.note !== undefined)
  @IsString()
  @Length(3, 2000)
  note?: string;
}

export class RejectDto {
  @IsString()
  @Length(3, 2000)
  reason: string;

  /** For a duplicate: the ticket it repeats. */
  @IsOptional()
  @IsUUID('all')
  duplicateOf?: string;
}

export class ReopenDto {
  /** What the reporter disputes. */
  @IsString()
  @Length(3, 2000)
  reason: string;
}
