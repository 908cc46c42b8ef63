import { IsString, Length } from 'class-validator';
import { saying } from '@crm/core';
import { KelurahanDto, RegionRefDto } from '../regions.dto';

export class AddressMatchQueryDto {
  /**
   * Address text as the reporter gave it
   * @example "Jl. Kebon Sirih 22, Kel. Kebon Sirih, Kec. Menteng, Jakpus"
   */
  @IsString()
  @Length(
    3,
    500,
    saying('harus alamat sepanjang 3 sampai 500 karakter', 'must be 3 to 500 characters long'),
  )
  address: string;
}

export class AddressMatchResultDto {
  /** The kelurahan the address names, when it names exactly one; else null */
  kelurahan: RegionRefDto | null;
  /** The kecamatan named or implied, or null */
  kecamatan: RegionRefDto | null;
  /** The kota named or implied, or null */
  kota: RegionRefDto | null;
  /** Kelurahan the address could mean when it does not settle on one (a name several share) */
  candidates: KelurahanDto[];
  /** Why, in the routing's words (the same rule places a ticket entered without a kelurahan) */
  reason: string;
}
