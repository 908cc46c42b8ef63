import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsKecamatanCode, IsKelurahanCode, IsKotaCode } from '@crm/reference';

/** Which tickets: the filters the complaint list and the dashboard figures share. */
export class TicketFilters {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  channel?: string;

  @IsOptional()
  @IsString()
  @MaxLength(48)
  category?: string;

  @IsOptional()
  @IsKelurahanCode()
  kelurahan?: string;

  @IsOptional()
  @IsKecamatanCode()
  kecamatan?: string;

  @IsOptional()
  @IsKotaCode()
  kota?: string;

  /** The unit holding the tickets now */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  unit?: string;
}
