import { IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
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
  /** Where assignment and escalation notices are POSTed; null: they are logged */
  webhookUrl: string | null;
}

export class UnitWebhookDto {
  /** Called with a signed JSON POST for each notice */
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  url: string;

  /** HMAC-SHA256 key for the `X-Crm-Signature` header, at least 32 characters */
  @IsString()
  @Length(32, 200)
  secret: string;
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
