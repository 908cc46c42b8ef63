import { IsNik } from '@crm/identity';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant, saying } from '@crm/core';
import { REPORTER_TYPES, ReporterType } from '@crm/tickets';
import { IsCoordinate, IsLatitudeOf, IsLongitude } from '@crm/reference';
import { ChannelDetailsDto, OPERATOR_CHANNELS, OperatorChannel } from './channel-details';

export class ReporterDto {
  /**
   * Who reports (Kepsekda 75/2023 §2.4.2.4): a person (the default), a civil-society
   * organisation or a government unit; `name` is then the organisation's or unit's name
   */
  @IsOptional()
  @IsIn(REPORTER_TYPES)
  type?: ReporterType;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** Indonesian or international number, digits with optional + and separators */
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{5,22}$/, saying('harus nomor telepon', 'must be a telephone number'))
  phone?: string;

  @IsOptional()
  @IsEmail({}, saying('harus alamat e-mail', 'must be an e-mail address'))
  @MaxLength(254)
  email?: string;

  /** Nomor Induk Kependudukan: 16 digits with a real region, birth date and serial */
  @IsOptional()
  @IsNik()
  nik?: string;

  /**
   * Whether the reporter (a person) has a disability, when they said so: for the figures by sex,
   * age group and disability (Kepsekda 75/2023 §3.6.2.g); never asked for, never required
   */
  @IsOptional()
  @IsBoolean()
  disability?: boolean;

  /**
   * The reporter asks that the units handling the complaint not know who they are: they see
   * "Pelapor anonim" and no contact; Diskominfo still sees them, and notices still reach them
   */
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

export class LocationDto {
  /** WGS84 latitude */
  @IsCoordinate()
  @IsLatitudeOf('lon')
  lat: number;

  /** WGS84 longitude */
  @IsCoordinate()
  @IsLongitude()
  lon: number;
}

const DESCRIPTION_MAX = 4_000;

/** What every channel sends. */
export class ComplaintBodyDto {
  @IsOptional()
  @IsInstant()
  reportedAt?: string;

  @ValidateNested()
  @Type(() => ReporterDto)
  @IsObject()
  reporter: ReporterDto;

  @IsString()
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX)
  description: string;

  /** A category code from /api/v1/categories */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/, saying('harus kode kategori', 'must be a category code'))
  category?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

/** JAKI's push: always geo-tagged. */
export class JakiComplaintDto extends ComplaintBodyDto {
  /** JAKI's own report id */
  @IsString()
  @Matches(
    /^[\x21-\x7e]{1,200}$/,
    saying(
      'harus 1 sampai 200 karakter ASCII yang terlihat',
      'must be 1 to 200 visible ASCII characters',
    ),
  )
  externalId: string;

  @ValidateNested()
  @Type(() => LocationDto)
  @IsObject()
  location: LocationDto;

  /** Photo URLs (https) */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  photos?: string[];
}

/** An operator's entry for one of the 12 channels without a geo-tag. */
export class OperatorComplaintDto extends ComplaintBodyDto {
  @IsIn(
    OPERATOR_CHANNELS,
    saying(
      `harus salah satu dari ${OPERATOR_CHANNELS.join(', ')} (JAKI mengirim ke endpoint-nya sendiri)`,
      `must be one of ${OPERATOR_CHANNELS.join(', ')} (JAKI pushes to its own endpoint)`,
    ),
  )
  channel: OperatorChannel;

  @IsOptional()
  @Matches(
    /^[\x21-\x7e]{1,200}$/,
    saying(
      'harus 1 sampai 200 karakter ASCII yang terlihat',
      'must be 1 to 200 visible ASCII characters',
    ),
  )
  externalId?: string;

  /** When the reporter gave a point */
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  @IsObject()
  location?: LocationDto;

  /** When the operator knows the kelurahan */
  @IsOptional()
  @Matches(
    /^31\.\d{2}\.\d{2}\.\d{4}$/,
    saying(
      'harus kode kelurahan seperti 31.71.01.1001',
      'must be a kelurahan code such as 31.71.01.1001',
    ),
  )
  kelurahanCode?: string;

  /** Forward at once to this unit (a unit code); without it the ticket waits for Diskominfo */
  @IsOptional()
  @Matches(
    /^[a-z0-9.-]{2,40}$/,
    saying('harus kode unit, misalnya dinsos', 'must be a unit code such as dinsos'),
  )
  assignTo?: string;

  /** What the channel knows about the complaint; which fields apply depends on the channel */
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelDetailsDto)
  @IsObject()
  details?: ChannelDetailsDto;
}
