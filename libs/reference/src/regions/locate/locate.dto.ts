import { DecimalFromQuery, IsCoordinate, IsLatitudeOf, IsLongitude } from './coordinates';
import { RegionRefDto } from '../regions.dto';
import type { LocateMethod } from './kelurahan-index';

export class LocateQueryDto {
  /** WGS84 latitude, e.g. -6.1754 */
  @DecimalFromQuery()
  @IsCoordinate()
  @IsLatitudeOf('lon')
  lat: number;

  /** WGS84 longitude, e.g. 106.8272 */
  @DecimalFromQuery()
  @IsCoordinate()
  @IsLongitude()
  lon: number;
}

export class LocateResultDto {
  kelurahan: RegionRefDto;
  kecamatan: RegionRefDto;
  kota: RegionRefDto;
  /** `contains`: inside the boundary; `nearest`: in a gap or offshore, within tolerance */
  method: LocateMethod;
  /** 0 for `contains`; metres to the kelurahan's boundary for `nearest` */
  distanceMeters: number;
  /** Where simplified boundaries overlap: the other kelurahan that also contain the point */
  alsoContainedBy: string[];
}
