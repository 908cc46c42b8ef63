import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AnyRole,
  ApiError,
  bilingual,
  ApiErrorResponses,
  ApiSignedInErrors,
  listOf,
  ListQuery,
  ListResponse,
} from '@crm/core';
import { Region } from './region.entity';
import { RegionDirectory } from './region-directory';
import { LocateQueryDto, LocateResultDto } from './locate/locate.dto';
import { AddressMatchQueryDto, AddressMatchResultDto } from './match/address-match.dto';
import {
  KecamatanDto,
  KecamatanQueryDto,
  KelurahanCodeParam,
  KelurahanDto,
  KelurahanQueryDto,
  KotaDto,
} from './regions.dto';

@ApiTags('reference data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/regions')
@AnyRole()
export class RegionsController {
  constructor(private readonly directory: RegionDirectory) {}

  /** The 6 kota (five kota administrasi and Kabupaten Kepulauan Seribu) */
  @Get('kota')
  listKota(@Query() query: ListQuery): ListResponse<KotaDto> {
    return listOf(this.directory.list('kota').map(ref), query);
  }

  /** The 44 kecamatan */
  @Get('kecamatan')
  listKecamatan(@Query() query: KecamatanQueryDto): ListResponse<KecamatanDto> {
    const rows = this.directory
      .list('kecamatan')
      .filter((kecamatan) => !query.kota || kecamatan.parentCode === query.kota)
      .map((kecamatan) => ({
        ...ref(kecamatan),
        kota: ref(this.directory.get(kecamatan.parentCode!)!),
      }));
    return listOf(rows, query);
  }

  /** The 267 kelurahan with their kecamatan and kota; `geometry=true` adds the boundaries */
  @Get('kelurahan')
  listKelurahan(@Query() query: KelurahanQueryDto): ListResponse<KelurahanDto> {
    const rows = this.directory
      .list('kelurahan')
      .filter((k) => !query.kecamatan || k.parentCode === query.kecamatan)
      .filter((k) => !query.kota || k.code.startsWith(`${query.kota}.`))
      .map((k) => this.kelurahan(k, query.geometry === true));
    return listOf(rows, query);
  }

  /**
   * The kelurahan containing a point, or the nearest within tolerance (100 m on the mainland,
   * 5 km around the Kepulauan Seribu islands); 404 OUTSIDE_JAKARTA otherwise.
   */
  @Get('locate')
  @ApiErrorResponses([400, 404], {
    400: 'VALIDATION_FAILED: invalid coordinates (with a hint when latitude and longitude look swapped)',
    404: 'OUTSIDE_JAKARTA: no kelurahan within tolerance',
  })
  locate(@Query() { lat, lon }: LocateQueryDto): LocateResultDto {
    const place = this.directory.locate(lat, lon);
    if (!place) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'OUTSIDE_JAKARTA',
        bilingual(
          `Tidak ada kelurahan yang memuat atau berada cukup dekat dengan titik ${lat}, ${lon}; periksa lintang dan bujurnya (titik harus di DKI Jakarta)`,
          `No kelurahan contains or lies within tolerance of ${lat}, ${lon}`,
        ),
      );
    }
    return {
      kelurahan: ref(place.kelurahan),
      kecamatan: ref(place.kecamatan),
      kota: ref(place.kota),
      method: place.method,
      distanceMeters: place.distanceMeters,
      alsoContainedBy: place.alsoContainedBy,
    };
  }

  /**
   * The kelurahan an address text names ("Kel. Ragunan, Kec. Pasar Minggu, Jaksel"), as routing
   * reads it for a ticket without a point: one kelurahan, or the candidates a shared name leaves
   */
  @Get('match')
  match(@Query() { address }: AddressMatchQueryDto): AddressMatchResultDto {
    const match = this.directory.matchAddress(address);
    const region = (code: string | null) => {
      const found = code ? this.directory.get(code) : undefined;
      return found ? ref(found) : null;
    };
    return {
      kelurahan: region(match.kelurahanCode),
      kecamatan: region(match.kecamatanCode),
      kota: region(match.kotaCode),
      candidates: match.candidates.map((code) => this.kelurahan(this.directory.get(code)!, false)),
      reason: match.reason,
    };
  }

  @Get('kelurahan/:code')
  @ApiErrorResponses([404], { 404: 'KELURAHAN_NOT_FOUND' })
  getKelurahan(@Param() { code }: KelurahanCodeParam): KelurahanDto {
    const region = this.directory.get(code);
    if (!region || region.level !== 'kelurahan') {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'KELURAHAN_NOT_FOUND',
        bilingual(
          `Tidak ada kelurahan dengan kode ${code}; periksa kodenya di daftar wilayah`,
          `No kelurahan has the code ${code}`,
        ),
      );
    }
    return this.kelurahan(region, true);
  }

  private kelurahan(region: Region, withGeometry: boolean): KelurahanDto {
    const { kecamatan, kota } = this.directory.ancestors(region.code);
    return {
      ...ref(region),
      kecamatan: ref(kecamatan!),
      kota: ref(kota!),
      ...(withGeometry && region.geometry ? { geometry: region.geometry } : {}),
    };
  }
}

function ref(region: Region): { code: string; name: string } {
  return { code: region.code, name: region.name };
}
