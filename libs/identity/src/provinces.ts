/**
 * Kemendagri province codes that appear in NIKs: the 38 provinces, plus 91 and 94, which Papua
 * and Papua Barat used before the 2022 split and which older NIKs still carry.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

export const DKI_JAKARTA = '31';

/** DKI Jakarta's kota and kabupaten: Kepulauan Seribu and the five kota. */
export const JAKARTA_KOTA_CODES: ReadonlySet<string> = new Set([
  '01',
  '71',
  '72',
  '73',
  '74',
  '75',
]);
