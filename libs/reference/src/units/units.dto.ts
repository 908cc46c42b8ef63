import { IsIn, IsOptional, Matches } from 'class-validator';
import { UNIT_TYPES, UnitType } from './unit.entity';

export class UnitRefDto {
  code: string;
  name: string;
}

export class UnitDto extends UnitRefDto {
  /** kelurahan, kecamatan, kota, pd, ukpd, bumd or mitra */
  type: UnitType;
  /** The unit a missed deadline escalates to */
  parent: UnitRefDto | null;
  /** The region a regional office serves */
  regionCode: string | null;
  active: boolean;
}

export class UnitQueryDto {
  @IsOptional()
  @IsIn(UNIT_TYPES)
  type?: UnitType;

  /** Only the units under this parent unit */
  @IsOptional()
  @Matches(/^[a-z0-9.-]{2,40}$/, { message: 'parent must be a unit code' })
  parent?: string;
}

export class UnitCodeParam {
  @Matches(/^[a-z0-9.-]{2,40}$/, { message: 'code must be a unit code' })
  code: string;
}
