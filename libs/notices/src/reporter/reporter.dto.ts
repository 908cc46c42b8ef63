import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { saying } from '@crm/core';
import { TrackingDto } from '@crm/tickets';

export class ReporterTokenParam {
  /** The token from the reporter's link in a notice */
  @Matches(/^[A-Za-z0-9_-]{44}$/, saying('bukan tautan pelapor yang sah', 'is not a reporter link'))
  token: string;
}

export class ReporterLinkViewDto extends TrackingDto {
  /** Whether the reporter may dispute the closing now (within 10 working days, once) */
  canDispute: boolean;
  /** The end of the dispute window, while the ticket is `selesai` and not disputed */
  disputeUntil: string | null;
  /** Whether the reporter may rate the handling now (once it closed, once) */
  canRate: boolean;
  /** The reporter's rating, once given */
  rating: { score: number; comment: string | null; at: string } | null;
}

export class DisputeDto {
  /** Why the problem is not solved, in the reporter's words */
  @IsString()
  @MinLength(5, saying('harus minimal 5 karakter', 'must be at least 5 characters'))
  @MaxLength(2000)
  reason: string;
}

export class RatingDto {
  /** 1 (very poor) to 5 (very good) */
  @Type(() => Number)
  @IsInt(saying('harus bilangan bulat 1 sampai 5', 'must be a whole number from 1 to 5'))
  @Min(1, saying('harus 1 sampai 5', 'must be from 1 to 5'))
  @Max(5, saying('harus 1 sampai 5', 'must be from 1 to 5'))
  score: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
