import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { ListQuery, saying } from '@crm/core';
import { RESPONSE_STAGES, ResponseStage } from './response-template.entity';

const stage = saying(
  `harus salah satu dari ${RESPONSE_STAGES.join(', ')}`,
  `must be one of ${RESPONSE_STAGES.join(', ')}`,
);
const categoryCode = saying(
  'harus kode kategori, misalnya lainnya',
  'must be a category code such as lainnya',
);

export class ResponseTemplateDto {
  id: string;
  /** Null: for every category */
  category: string | null;
  /** follow-up, validation, rejection or reply */
  stage: ResponseStage;
  title: string;
  text: string;
  active: boolean;
  updatedBy: string;
  updatedAt: string;
}

export class ResponseTemplateQuery extends ListQuery {
  /** The templates for this category and those for every category */
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,48}$/, categoryCode)
  category?: string;

  @IsOptional()
  @IsIn(RESPONSE_STAGES, stage)
  stage?: ResponseStage;

  /** Admins: the switched-off templates too */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  includeInactive?: boolean;
}

export class NewResponseTemplateDto {
  /** A category code; absent or null: for every category */
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @Matches(/^[a-z0-9-]{2,48}$/, categoryCode)
  category?: string | null;

  @IsIn(RESPONSE_STAGES, stage)
  stage: ResponseStage;

  /** What staff pick it by */
  @IsString()
  @Length(3, 120)
  title: string;

  @IsString()
  @Length(3, 4000)
  text: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResponseTemplateChangeDto {
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @Matches(/^[a-z0-9-]{2,48}$/, categoryCode)
  category?: string | null;

  @IsOptional()
  @IsIn(RESPONSE_STAGES, stage)
  stage?: ResponseStage;

  @IsOptional()
  @IsString()
  @Length(3, 120)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(3, 4000)
  text?: string;

  /** false: staff no longer see it */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResponseTemplateIdParam {
  @IsUUID('all', saying('harus ID templat (UUID)', 'must be a template id (UUID)'))
  id: string;
}
