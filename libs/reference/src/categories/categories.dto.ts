import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ListQuery } from '@crm/core';
import { UnitRefDto } from '../units/units.dto';

export class CategoryDto {
  code: string;
  name: string;
  group: string;
  description: string;
  keywords: string[];
  /** The programme owner suggested to Diskominfo when it routes a complaint */
  defaultUnit: UnitRefDto;
  /** Its complaints tell of a household's need: public reads (Open311) hide description and place */
  sensitive: boolean;
  /** The broader category it is a programme of */
  parent: string | null;
  /** A follow-up on its complaints must carry a photo of the work */
  requiresPhotoEvidence: boolean;
  /** Its tickets go to the Suku Dinas of their kota under `defaultUnit`, where one exists */
  routeToSudin: boolean;
  /** Inactive categories are listed to admins only (`?includeInactive=true`) */
  active: boolean;
}

export class CategoryQuery extends ListQuery {
  /** Admins: the inactive categories too (others always get the active ones) */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  includeInactive?: boolean;
}
