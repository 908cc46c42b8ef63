import { saying } from '@crm/core';
import { Matches } from 'class-validator';

/** Kemendagri codes of DKI Jakarta's regions, as query filters take them. */
export const IsKotaCode = () =>
  Matches(
    /^31\.\d{2}$/,
    saying('harus kode kota seperti 31.71', 'must be a kota code such as 31.71'),
  );
export const IsKecamatanCode = () =>
  Matches(
    /^31\.\d{2}\.\d{2}$/,
    saying('harus kode kecamatan seperti 31.71.01', 'must be a kecamatan code such as 31.71.01'),
  );
export const IsKelurahanCode = () =>
  Matches(
    /^31\.\d{2}\.\d{2}\.\d{4}$/,
    saying(
      'harus kode kelurahan seperti 31.71.01.1001',
      'must be a kelurahan code such as 31.71.01.1001',
    ),
  );
