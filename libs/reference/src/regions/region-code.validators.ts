import { Matches } from 'class-validator';

/** Kemendagri codes of DKI Jakarta's regions, as query filters take them. */
export const IsKotaCode = () =>
  Matches(/^31\.\d{2}$/, { message: 'kota must be a code like 31.71' });
export const IsKecamatanCode = () =>
  Matches(/^31\.\d{2}\.\d{2}$/, { message: 'kecamatan must be a code like 31.71.01' });
export const IsKelurahanCode = () =>
  Matches(/^31\.\d{2}\.\d{2}\.\d{4}$/, { message: 'kelurahan must be a code like 31.71.01.1001' });
