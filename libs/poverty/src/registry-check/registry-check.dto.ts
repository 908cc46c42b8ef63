import { IsNik } from '@crm/identity';

export class RegistryCheckDto {
  /**
   * The reporter's NIK (16 digits with a real region, birth date and serial)
   * @example "3171014501900001"
   */
  @IsNik()
  nik: string;
}
