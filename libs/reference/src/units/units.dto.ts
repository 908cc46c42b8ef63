import { IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { UNIT_CODE, ListQuery, saying } from '@crm/core';
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
  /**
   * Admins only (null for every other role): where assignment and escalation notices are POSTed,
   * without the user name, password and query values it may hold; null: they are logged
   */
  webhookUrl: string | null;
}

export class UnitWithSecretDto extends UnitDto {
  /**
   * The webhook's signing secret the service generated (a webhookUrl given without one): shown
   * this once, never again
   */
  webhookSecret?: string;
}

export class UnitWebhookDto {
  /**
   * Called with a signed JSON POST for each notice; a user name and password in it are sent as
   * Basic auth. Its host must be a public address (unless WEBHOOK_ALLOW_PRIVATE=true), and
   * redirects are not followed
   */
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  url: string;

  /** HMAC-SHA256 key for the `X-Crm-Signature` header, at least 32 characters */
  @IsString()
  @Length(32, 200)
  secret: string;
}

export class UnitQueryDto extends ListQuery {
  @IsOptional()
  @IsIn(UNIT_TYPES)
  type?: UnitType;

  /** Only the units under this parent unit */
  @IsOptional()
  @Matches(
    UNIT_CODE,
    saying('harus kode unit, misalnya dinsos', 'must be a unit code such as dinsos'),
  )
  parent?: string;
}

export class UnitCodeParam {
  @Matches(
    UNIT_CODE,
    saying('harus kode unit, misalnya dinsos', 'must be a unit code such as dinsos'),
  )
  code: string;
}
