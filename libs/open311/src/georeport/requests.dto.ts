import { bilingual, encodeMessage, saying } from '@crm/core';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsLatitudeOf, IsLongitude } from '@crm/reference';
import { readW3cDatetime } from './georeport-format';

/** Form clients send every field, empty ones included: an empty field means "not given". */
const EmptyAsAbsent = () =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** Forms carry text: a strictly decimal one becomes a number, anything else stays as sent. */
const DecimalOrAbsent = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === '') return undefined;
    return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  });

/** A free-text field a client may leave out or send empty. */
const OptionalText = (maxLength = 100) =>
  applyDecorators(IsOptional(), EmptyAsAbsent(), IsString(), MaxLength(maxLength));

/** A date (a Jakarta day) or a date and time with offset, that names a real instant. */
const IsW3cDatetime = () =>
  ValidateBy({
    name: 'isW3cDatetime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && readW3cDatetime(value) !== null,
      defaultMessage: () =>
        encodeMessage(
          bilingual(
            'harus tanggal-waktu W3C: tanggal (2026-11-20) atau tanggal dan waktu dengan zonanya (2026-11-20T08:15:00+07:00)',
            'must be a W3C datetime: a date (2026-11-20) or a date and time with its offset (2026-11-20T08:15:00+07:00)',
          ),
        ),
    },
  });

const SERVICE_CODE = /^[a-z0-9-]{1,64}$/;

/** What every GeoReport v2 call carries: the client's key, and the jurisdiction. */
export abstract class ClientFields {
  /**
   * The key bound to the client's channel, here or in the query string: the guard has checked
   * it before validation (403 without one), so the body need not repeat a key the query gave.
   */
  @IsOptional()
  @IsString()
  api_key?: string;

  /** Accepted and ignored: this endpoint serves one jurisdiction (DKI Jakarta) */
  @OptionalText()
  jurisdiction_id?: string;
}

/** POST requests.json|xml: the GeoReport v2 fields (form-encoded or JSON). */
export class PostServiceRequestDto extends ClientFields {
  /** A service_code from services.json (a category code) */
  @Matches(
    SERVICE_CODE,
    saying('harus service_code dari services.json', 'must be a service code from services.json'),
  )
  service_code: string;

  /** WGS84 latitude; with `long`, or give address_string */
  @ValidateIf((o: PostServiceRequestDto) => o.lat !== undefined || o.long !== undefined)
  @DecimalOrAbsent()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    saying(
      'harus angka desimal (dikirim bersama long)',
      'must be a decimal number (given together with long)',
    ),
  )
  @IsLatitudeOf('long')
  lat?: number;

  /** WGS84 longitude */
  @ValidateIf((o: PostServiceRequestDto) => o.lat !== undefined || o.long !== undefined)
  @DecimalOrAbsent()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    saying(
      'harus angka desimal (dikirim bersama lat)',
      'must be a decimal number (given together with lat)',
    ),
  )
  @IsLongitude()
  long?: number;

  /** Where the problem is, in words; required when lat/long are not given */
  @ValidateIf(
    (o: PostServiceRequestDto) =>
      o.address_string !== undefined || (o.lat === undefined && o.long === undefined),
  )
  @EmptyAsAbsent()
  @IsString(
    saying(
      'wajib diisi bila lat dan long tidak dikirim',
      'is required when lat and long are not given',
    ),
  )
  @MinLength(1)
  @MaxLength(500)
  address_string?: string;

  /** Accepted and ignored: there is no address register to match it against */
  @OptionalText()
  address_id?: string;

  @IsOptional()
  @EmptyAsAbsent()
  @IsEmail({}, saying('harus alamat e-mail', 'must be an e-mail address'))
  @MaxLength(254)
  email?: string;

  /** Accepted and ignored */
  @OptionalText()
  device_id?: string;

  /** Accepted and ignored: reporters have no accounts here */
  @OptionalText()
  account_id?: string;

  @OptionalText()
  first_name?: string;

  @OptionalText()
  last_name?: string;

  /** Indonesian or international number */
  @IsOptional()
  @EmptyAsAbsent()
  @Matches(/^\+?[0-9][0-9 -]{5,22}$/, saying('harus nomor telepon', 'must be a telephone number'))
  phone?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4_000, saying('paling banyak 4.000 karakter', 'must be at most 4,000 characters'))
  description: string;

  /** A photo of the problem */
  @IsOptional()
  @EmptyAsAbsent()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true },
    saying('harus alamat http(s)', 'must be an http(s) URL'),
  )
  @MaxLength(500)
  media_url?: string;

  /** `attribute[code]=value`, the service's attributes (services/{code}.json) */
  @IsOptional()
  @IsObject(saying('kirim sebagai attribute[kode]=nilai', 'must be given as attribute[code]=value'))
  attribute?: Record<string, unknown>;
}

const LIST_OF = (item: string) => new RegExp(`^${item}(,${item})*$`);

/** GET requests/{id}.json|xml */
export class GetServiceRequestQuery extends ClientFields {
  @IsOptional()
  @EmptyAsAbsent()
  @IsIn(['true', 'false'], saying('harus true atau false', 'must be true or false'))
  extensions?: string;
}

/** GET requests.json|xml: the GeoReport v2 filters. */
export class SearchServiceRequestsQuery extends GetServiceRequestQuery {
  /** Tracking numbers, comma-separated; when given, the other filters are ignored (as the spec says) */
  @IsOptional()
  @EmptyAsAbsent()
  @MaxLength(20_000)
  @Matches(
    LIST_OF('[A-Za-z0-9-]{1,20}'),
    saying('harus nomor lacak dipisahkan koma', 'must be tracking numbers separated by commas'),
  )
  service_request_id?: string;

  /** Service codes, comma-separated */
  @IsOptional()
  @EmptyAsAbsent()
  @MaxLength(2_000)
  @Matches(
    LIST_OF('[a-z0-9-]{1,64}'),
    saying('harus service_code dipisahkan koma', 'must be service codes separated by commas'),
  )
  service_code?: string;

  /** Earliest requested_datetime (a date means from 00:00 Jakarta time); defaults to 90 days before end_date */
  @IsOptional()
  @EmptyAsAbsent()
  @IsW3cDatetime()
  start_date?: string;

  /** Latest requested_datetime (a date includes that whole Jakarta day); defaults to now */
  @IsOptional()
  @EmptyAsAbsent()
  @IsW3cDatetime()
  end_date?: string;

  /** open, closed, or both comma-separated */
  @IsOptional()
  @EmptyAsAbsent()
  @Matches(
    LIST_OF('(open|closed)'),
    saying('harus open, closed atau open,closed', 'must be open, closed or open,closed'),
  )
  status?: string;
}
