import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, saying, UNIT_CODE } from '@crm/core';
import { AUDITED_ENTITIES, AuditedEntity } from '../audit/audit-entry.entity';

/** The types of unit an admin creates: regional offices come from the official boundaries. */
export const ADMIN_UNIT_TYPES = ['pd', 'ukpd', 'bumd', 'mitra'] as const;

const unitCode = saying(
  'harus kode unit: huruf kecil, angka, titik atau tanda hubung, 2–40 karakter (misalnya sudin-sda-31.71)',
  'must be a unit code: lower-case letters, digits, dots or dashes, 2–40 characters (e.g. sudin-sda-31.71)',
);
const categoryCode = saying(
  'harus kode kategori: huruf kecil, angka atau tanda hubung, 2–48 karakter (misalnya kjp-plus)',
  'must be a category code: lower-case letters, digits or dashes, 2–48 characters (e.g. kjp-plus)',
);
const CATEGORY_CODE = /^[a-z0-9-]{2,48}$/;

export class NewUnitDto {
  /** Lower-case, unique, never reused (tickets keep pointing at it) */
  @Matches(UNIT_CODE, unitCode)
  code: string;

  @IsString()
  @Length(3, 200)
  name: string;

  /** pd (an agency), ukpd (a unit of one: a Suku Dinas, a UPT), bumd, or mitra (a partner) */
  @IsIn(
    ADMIN_UNIT_TYPES,
    saying('harus pd, ukpd, bumd atau mitra', 'must be pd, ukpd, bumd or mitra'),
  )
  type: (typeof ADMIN_UNIT_TYPES)[number];

  /** The unit it belongs to (a Suku Dinas: its Dinas) */
  @IsOptional()
  @Matches(UNIT_CODE, unitCode)
  parent?: string;

  /** The kota (or kecamatan) it serves, by Kemendagri code: a Suku Dinas's kota */
  @IsOptional()
  @Matches(
    /^\d{2}\.\d{2}(\.\d{2})?$/,
    saying(
      'harus kode kota atau kecamatan, misalnya 31.71',
      'must be a kota or kecamatan code such as 31.71',
    ),
  )
  regionCode?: string;

  /** Defaults to true */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /**
   * Where the unit's notices are POSTed (as `PUT /api/v1/units/{code}/webhook` sets it); null
   * removes it. Without `webhookSecret`, a signing secret is generated and answered once
   */
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  webhookUrl?: string | null;

  /** The HMAC-SHA256 key that signs its notices, 32–200 characters */
  @IsOptional()
  @IsString()
  @Length(32, 200)
  webhookSecret?: string;
}

export class UnitChangeDto {
  @IsOptional()
  @IsString()
  @Length(3, 200)
  name?: string;

  /** null: no parent */
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @Matches(UNIT_CODE, unitCode)
  parent?: string | null;

  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @Matches(
    /^\d{2}\.\d{2}(\.\d{2})?$/,
    saying(
      'harus kode kota atau kecamatan, misalnya 31.71',
      'must be a kota or kecamatan code such as 31.71',
    ),
  )
  regionCode?: string | null;

  /** false deactivates it: no new ticket goes to it; the tickets it holds stay with it */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /**
   * Where the unit's notices are POSTed (as `PUT /api/v1/units/{code}/webhook` sets it); null
   * removes it. Without `webhookSecret`, a signing secret is generated and answered once
   */
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  webhookUrl?: string | null;

  /** The HMAC-SHA256 key that signs its notices, 32–200 characters */
  @IsOptional()
  @IsString()
  @Length(32, 200)
  webhookSecret?: string;
}

export class CategoryFields {
  @IsOptional()
  @IsString()
  @MaxLength(80)
  group?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Words that suggest it (lower-case) */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(2, 40, { each: true })
  keywords?: string[];

  /** Its complaints must carry a photo of the work when followed up */
  @IsOptional()
  @IsBoolean()
  requiresPhotoEvidence?: boolean;

  /** Its complaints tell of a household's need: public reads hide description and place */
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  /** Its tickets go to the Suku Dinas of their kota under `defaultUnit`, where one exists */
  @IsOptional()
  @IsBoolean()
  routeToSudin?: boolean;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class NewCategoryDto extends CategoryFields {
  @Matches(CATEGORY_CODE, categoryCode)
  code: string;

  @IsString()
  @Length(3, 160)
  name: string;

  /** The programme owner (a unit code) */
  @Matches(UNIT_CODE, unitCode)
  defaultUnit: string;

  /** The broader category it is a programme of (e.g. bantuan-pendidikan for KJP Plus) */
  @IsOptional()
  @Matches(CATEGORY_CODE, categoryCode)
  parent?: string;
}

export class CategoryChangeDto extends CategoryFields {
  @IsOptional()
  @IsString()
  @Length(3, 160)
  name?: string;

  @IsOptional()
  @Matches(UNIT_CODE, unitCode)
  defaultUnit?: string;

  /** null: a top-level category */
  @IsOptional()
  @ValidateIf((_body, value) => value !== null)
  @Matches(CATEGORY_CODE, categoryCode)
  parent?: string | null;
}

export class CategoryCodeParam {
  @Matches(CATEGORY_CODE, categoryCode)
  code: string;
}

export class ChannelChangeDto {
  /** The unit whose head answers for the channel (not for the per-office channels) */
  @IsOptional()
  @Matches(UNIT_CODE, unitCode)
  responsibleUnit?: string;

  /** false: operators may no longer enter complaints on it (JAKI's pushes are always received) */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ChannelCodeParam {
  @Matches(
    /^[a-z0-9-]{2,32}$/,
    saying('harus kode kanal, misalnya sms', 'must be a channel code such as sms'),
  )
  code: string;
}

export class AuditQuery extends PageQuery {
  @IsOptional()
  @IsIn(
    AUDITED_ENTITIES,
    saying(
      `harus salah satu dari ${AUDITED_ENTITIES.join(', ')}`,
      `must be one of ${AUDITED_ENTITIES.join(', ')}`,
    ),
  )
  entity?: AuditedEntity;

  /** The record's code */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;
}

export class AuditEntryDto {
  id: string;
  entity: AuditedEntity;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  /** The record before the change (null for a creation) */
  before: Record<string, unknown> | null;
  /** The record after it (null for a removal) */
  after: Record<string, unknown> | null;
  /** The admin's token `sub` and role */
  by: string;
  role: string;
  requestId: string | null;
  at: string;
}
