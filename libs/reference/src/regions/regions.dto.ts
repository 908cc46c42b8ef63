import { ListQuery, saying } from '@crm/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { MultiPolygon, Polygon } from 'geojson';

export class RegionRefDto {
  /** Kemendagri code */
  code: string;
  name: string;
}

export class KotaDto extends RegionRefDto {}

export class KecamatanDto extends RegionRefDto {
  kota: RegionRefDto;
}

export class KelurahanDto extends RegionRefDto {
  kecamatan: RegionRefDto;
  kota: RegionRefDto;
  /** GeoJSON boundary (WGS84, [lon, lat]); only with `geometry=true` */
  geometry?: Polygon | MultiPolygon;
}

const booleanFlag = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class KelurahanQueryDto extends ListQuery {
  /** Only the kelurahan of this kota, e.g. `31.71` */
  @IsOptional()
  @Matches(
    /^31\.\d{2}$/,
    saying('harus kode kota seperti 31.71', 'must be a kota code such as 31.71'),
  )
  kota?: string;

  /** Only the kelurahan of this kecamatan, e.g. `31.71.01` */
  @IsOptional()
  @Matches(
    /^31\.\d{2}\.\d{2}$/,
    saying('harus kode kecamatan seperti 31.71.01', 'must be a kecamatan code such as 31.71.01'),
  )
  kecamatan?: string;

  /** Include each boundary as GeoJSON */
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean(saying('harus true atau false', 'must be true or false'))
  geometry?: boolean;
}

export class KecamatanQueryDto extends ListQuery {
  @IsOptional()
  @Matches(
    /^31\.\d{2}$/,
    saying('harus kode kota seperti 31.71', 'must be a kota code such as 31.71'),
  )
  kota?: string;
}

export class KelurahanCodeParam {
  @Matches(
    /^31\.\d{2}\.\d{2}\.\d{4}$/,
    saying(
      'harus kode kelurahan seperti 31.71.01.1001',
      'must be a kelurahan code such as 31.71.01.1001',
    ),
  )
  code: string;
}
