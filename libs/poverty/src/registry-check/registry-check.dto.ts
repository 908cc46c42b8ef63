import { IsBoolean, IsOptional } from 'class-validator';
import { IsNik } from '@crm/identity';

/** What Diskominfo checks: the reporter's NIK, or that the reporter has none. */
export class RegistryCheckDto {
  /**
   * The reporter's NIK (16 digits with a real region, birth date and serial); required unless
   * `withoutNik`
   * @example "3171014501900001"
   */
  @IsOptional()
  @IsNik()
  nik?: string;

  /**
   * The reporter has no NIK: `not_registered` without a lookup (P3KE holds NIK-validated people
   * only)
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  withoutNik?: boolean;
}
