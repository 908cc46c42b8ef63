import type { HolidayKind } from '../holidays/holiday.entity';
import type { UnitType } from '../units/unit.entity';

/**
 * Reference data that does not come from the boundary files. Sources: Kepsekda DKI Jakarta
 * 75/2023 (channels 3.5.c–d, programme owners BAB 2) and the joint decrees (SKB) of the Ministers
 * of Religious Affairs, Manpower and Administrative Reform on national holidays and cuti bersama.
 */

export interface ProvincialUnitSeed {
  code: string;
  name: string;
  type: Extract<UnitType, 'pd' | 'bumd'>;
}

export const PROVINCIAL_UNITS: readonly ProvincialUnitSeed[] = [
  { code: 'diskominfo', name: 'Dinas Komunikasi, Informatika dan Statistik', type: 'pd' },
  { code: 'dinsos', name: 'Dinas Sosial', type: 'pd' },
  { code: 'disdik', name: 'Dinas Pendidikan', type: 'pd' },
  { code: 'dinkes', name: 'Dinas Kesehatan', type: 'pd' },
  { code: 'dkpkp', name: 'Dinas Ketahanan Pangan, Kelautan dan Pertanian', type: 'pd' },
  { code: 'dprkp', name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman', type: 'pd' },
  { code: 'dishub', name: 'Dinas Perhubungan', type: 'pd' },
  { code: 'disnakertransgi', name: 'Dinas Tenaga Kerja, Transmigrasi dan Energi', type: 'pd' },
  {
    code: 'dppkukm',
    name: 'Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah',
    type: 'pd',
  },
  { code: 'dsda', name: 'Dinas Sumber Daya Air', type: 'pd' },
  { code: 'dlh', name: 'Dinas Lingkungan Hidup', type: 'pd' },
  { code: 'citata', name: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan', type: 'pd' },
  { code: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', type: 'pd' },
  {
    code: 'dppapp',
    name: 'Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk',
    type: 'pd',
  },
  { code: 'disparekraf', name: 'Dinas Pariwisata dan Ekonomi Kreatif', type: 'pd' },
  { code: 'inspektorat', name: 'Inspektorat Provinsi DKI Jakarta', type: 'pd' },
  { code: 'biro-pemerintahan', name: 'Biro Pemerintahan Sekretariat Daerah', type: 'pd' },
  { code: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', type: 'pd' },
  { code: 'pam-jaya', name: 'Perumda Air Minum Jaya (PAM Jaya)', type: 'bumd' },
  { code: 'pal-jaya', name: 'Perumda Pengelolaan Air Limbah Jaya (PAL Jaya)', type: 'bumd' },
  { code: 'transjakarta', name: 'PT Transportasi Jakarta (Transjakarta)', type: 'bumd' },
  { code: 'food-station', name: 'PT Food Station Tjipinang Jaya', type: 'bumd' },
  { code: 'pasar-jaya', name: 'Perumda Pasar Jaya', type: 'bumd' },
];

/**
 * The agencies with a Suku Dinas in each kota (their kota-level branches, which do most of the
 * field work), and the name of that branch. Dinas Pendidikan is left out: its branches are per
 * education region (Wilayah I and II of a kota), which an admin adds by hand.
 */
export const SUKU_DINAS: readonly { agency: string; name: string }[] = [
  { agency: 'dinsos', name: 'Suku Dinas Sosial' },
  { agency: 'dinkes', name: 'Suku Dinas Kesehatan' },
  { agency: 'dkpkp', name: 'Suku Dinas Ketahanan Pangan, Kelautan dan Pertanian' },
  { agency: 'dprkp', name: 'Suku Dinas Perumahan Rakyat dan Kawasan Permukiman' },
  { agency: 'dishub', name: 'Suku Dinas Perhubungan' },
  { agency: 'disnakertransgi', name: 'Suku Dinas Tenaga Kerja, Transmigrasi dan Energi' },
  {
    agency: 'dppkukm',
    name: 'Suku Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah',
  },
  { agency: 'dsda', name: 'Suku Dinas Sumber Daya Air' },
  { agency: 'dlh', name: 'Suku Dinas Lingkungan Hidup' },
  { agency: 'citata', name: 'Suku Dinas Cipta Karya, Tata Ruang dan Pertanahan' },
  { agency: 'disdukcapil', name: 'Suku Dinas Kependudukan dan Pencatatan Sipil' },
  {
    agency: 'dppapp',
    name: 'Suku Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk',
  },
  { agency: 'disparekraf', name: 'Suku Dinas Pariwisata dan Ekonomi Kreatif' },
];

/** A Suku Dinas's unit code: `sudin-dsda-31.71` (the agency's code and the kota's). */
export function sudinCode(agency: string, kotaCode: string): string {
  return `sudin-${agency}-${kotaCode}`;
}

export interface ChannelSeed {
  code: string;
  name: string;
  geotagged: boolean;
  responsibleUnitCode: string | null;
  responsibleUnitType: UnitType | null;
  responsibleOfficial: string;
}

/** The 13 channels in the decree's order (3.5.c) with their penanggung jawab (3.5.d). */
export const CHANNELS: readonly ChannelSeed[] = [
  ['jaki', 'JAKI (Jakarta Kini)', true, 'diskominfo', null, 'Kepala Diskominfo'],
  ['twitter', 'Twitter @dkijakarta', false, 'diskominfo', null, 'Kepala Diskominfo'],
  ['facebook', 'Facebook Pemprov DKI Jakarta', false, 'diskominfo', null, 'Kepala Diskominfo'],
  ['email', 'E-mail dki@jakarta.go.id', false, 'diskominfo', null, 'Kepala Diskominfo'],
  [
    'gubernur-sosmed',
    'Media sosial pribadi Gubernur/Wakil Gubernur',
    false,
    'diskominfo',
    null,
    'Kepala Diskominfo',
  ],
  ['sms', 'SMS 0811272206', false, 'diskominfo', null, 'Kepala Diskominfo'],
  [
    'pendopo-balaikota',
    'Pendopo Balaikota',
    false,
    'biro-pemerintahan',
    null,
    'Kepala Biro Pemerintahan Setda',
  ],
  ['inspektorat', 'Kantor Inspektorat', false, 'inspektorat', null, 'Inspektur Provinsi'],
  ['kantor-walikota', 'Kantor Walikota', false, null, 'kota', 'Walikota'],
  ['kantor-camat', 'Kantor Camat', false, null, 'kecamatan', 'Camat'],
  ['kantor-lurah', 'Kantor Lurah', false, null, 'kelurahan', 'Lurah'],
  ['media-massa', 'Aspirasi Publik Media Massa', false, 'diskominfo', null, 'Kepala Diskominfo'],
  ['lapor-1708', 'LAPOR 1708 (SP4N-LAPOR!)', false, 'diskominfo', null, 'Kepala Diskominfo'],
].map(([code, name, geotagged, unit, unitType, official]) => ({
  code: code as string,
  name: name as string,
  geotagged: geotagged as boolean,
  responsibleUnitCode: unit as string | null,
  responsibleUnitType: unitType as UnitType | null,
  responsibleOfficial: official as string,
}));

export interface CategorySeed {
  code: string;
  name: string;
  group: string;
  description: string;
  keywords: string[];
  defaultUnitCode: string;
  /** Public reads hide its description and place (the poverty path); false when absent. */
  sensitive?: boolean;
}

/** Categories by programme owner (BAB 2), plus the paths the process itself names. */
export const CATEGORIES: readonly CategorySeed[] = [
  {
    code: 'bantuan-pendidikan',
    name: 'Bantuan pendidikan (KJP Plus, KJMU, BPMS)',
    group: 'Pendidikan',
    description: 'KJP Plus, KJMU, BPMS and other education aid.',
    keywords: ['kjp', 'kjp plus', 'kjmu', 'bpms', 'sekolah', 'beasiswa'],
    defaultUnitCode: 'disdik',
  },
  {
    code: 'jaminan-kesehatan',
    name: 'Kepesertaan PBI-JKN',
    group: 'Kesehatan',
    description: 'Membership of the state-paid national health insurance (PBI-JKN).',
    keywords: ['bpjs', 'pbi', 'jkn', 'kis', 'kesehatan'],
    defaultUnitCode: 'dinkes',
  },
  {
    code: 'kartu-bantuan-sosial',
    name: 'Kartu Anak Jakarta, KPARJ, Kartu Penyandang Disabilitas, Kartu Lansia Jakarta',
    group: 'Perlindungan sosial',
    description: 'Social assistance cards for children, disabled people and the elderly.',
    keywords: ['kaj', 'kparj', 'kpdj', 'klj', 'lansia', 'disabilitas', 'bansos'],
    defaultUnitCode: 'dinsos',
  },
  {
    code: 'pangan-bersubsidi',
    name: 'Distribusi pangan bersubsidi',
    group: 'Pangan',
    description: 'Subsidised food distribution (with the food BUMD).',
    keywords: ['pangan murah', 'sembako', 'beras', 'subsidi pangan'],
    defaultUnitCode: 'dkpkp',
  },
  {
    code: 'perumahan',
    name: 'Rumah layak huni, bedah rumah, relokasi, penataan permukiman',
    group: 'Perumahan',
    description: 'Decent housing, house repair, relocation and settlement upgrading.',
    keywords: ['rumah', 'bedah rumah', 'rusun', 'relokasi', 'permukiman'],
    defaultUnitCode: 'dprkp',
  },
  {
    code: 'transportasi',
    name: 'Kartu layanan gratis Transjakarta/JakLingko, akses transportasi',
    group: 'Transportasi',
    description: 'Free Transjakarta and JakLingko cards and access to transport.',
    keywords: ['transjakarta', 'jaklingko', 'kartu layanan gratis', 'klg'],
    defaultUnitCode: 'dishub',
  },
  {
    code: 'ketenagakerjaan',
    name: 'Jaminan sosial ketenagakerjaan, pelatihan dan penempatan kerja',
    group: 'Ketenagakerjaan',
    description: 'Employment social security, job training and job placement.',
    keywords: ['bpjs ketenagakerjaan', 'pelatihan kerja', 'lowongan', 'pekerjaan'],
    defaultUnitCode: 'disnakertransgi',
  },
  {
    code: 'kewirausahaan',
    name: 'Kewirausahaan (PKT/Jakpreneur)',
    group: 'Ekonomi',
    description: 'Entrepreneurship support through PKT / Jakpreneur.',
    keywords: ['jakpreneur', 'pkt', 'umkm', 'usaha'],
    defaultUnitCode: 'dppkukm',
  },
  {
    code: 'air-bersih-sanitasi',
    name: 'Air bersih, jamban, tangki septik',
    group: 'Air dan sanitasi',
    description: 'Clean water, toilets and septic tanks (with PAM Jaya and PAL Jaya).',
    keywords: ['air bersih', 'pam', 'jamban', 'mck', 'septik'],
    defaultUnitCode: 'dsda',
  },
  {
    code: 'bank-sampah',
    name: 'Bank sampah, ekonomi sirkular',
    group: 'Lingkungan',
    description: 'Waste banks and the circular economy.',
    keywords: ['bank sampah', 'sampah', 'daur ulang'],
    defaultUnitCode: 'dlh',
  },
  {
    code: 'legalitas-lahan',
    name: 'Legalitas lahan',
    group: 'Pertanahan',
    description: 'Land legality.',
    keywords: ['sertifikat', 'tanah', 'lahan'],
    defaultUnitCode: 'citata',
  },
  {
    code: 'administrasi-kependudukan',
    name: 'NIK, kartu keluarga, akta kelahiran',
    group: 'Kependudukan',
    description: 'Identity number (NIK), family card and birth certificate.',
    keywords: ['nik', 'ktp', 'kk', 'kartu keluarga', 'akta'],
    defaultUnitCode: 'disdukcapil',
  },
  {
    code: 'belum-terdata',
    name: 'Warga miskin belum masuk basis data',
    group: 'Perlindungan sosial',
    description:
      'A poor citizen not yet in the P3KE database and receiving no programme (Kepsekda 75/2023, 3.5).',
    keywords: ['p3ke', 'dtks', 'belum terdata', 'miskin', 'bantuan'],
    defaultUnitCode: 'diskominfo',
    sensitive: true,
  },
  {
    code: 'perilaku-aparatur',
    name: 'Perilaku aparatur',
    group: 'Pengawasan',
    description: "Officials' conduct; handled by the Inspektorat alone.",
    keywords: ['pungli', 'aparatur', 'pelayanan buruk'],
    defaultUnitCode: 'inspektorat',
  },
  {
    code: 'lainnya',
    name: 'Lainnya',
    group: 'Lainnya',
    description: 'Anything else; Diskominfo routes it by task, function and area.',
    keywords: [],
    defaultUnitCode: 'diskominfo',
  },
];

export interface HolidaySeed {
  date: string;
  name: string;
  kind: HolidayKind;
  legalBasis: string;
}

const SKB_2026 =
  'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497/2025, 2/2025, 5/2025';
const FIXED_BY_LAW = 'Fixed date set by presidential decree; the same in every annual SKB';
const EASTER_COMPUTUS = 'Date of the Gregorian Easter computus, which every annual SKB follows';

function days(basis: string, kind: HolidayKind, rows: [string, string][]): HolidaySeed[] {
  return rows.map(([date, name]) => ({ date, name, kind, legalBasis: basis }));
}

/**
 * 2026: all 17 national holidays and 8 cuti bersama days of the 2026 SKB.
 * 2027: only the days that do not depend on the year's SKB (fixed dates, and the Easter cycle,
 * and Imlek). The 2027 SKB's dates for the Islamic, Hindu and Buddhist holidays and the cuti
 * bersama must be entered by an admin (POST /api/v1/holidays) once it is published; see
 * docs/lifecycle.md ("Deadlines").
 */
export const HOLIDAYS: readonly HolidaySeed[] = [
  ...days(SKB_2026, 'libur_nasional', [
    ['2026-01-01', 'Tahun Baru 2026 Masehi'],
    ['2026-01-16', "Isra Mi'raj Nabi Muhammad SAW"],
    ['2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'],
    ['2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948'],
    ['2026-03-21', 'Hari Raya Idul Fitri 1447 H'],
    ['2026-03-22', 'Hari Raya Idul Fitri 1447 H'],
    ['2026-04-03', 'Wafat Yesus Kristus'],
    ['2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'],
    ['2026-05-01', 'Hari Buruh Internasional'],
    ['2026-05-14', 'Kenaikan Yesus Kristus'],
    ['2026-05-27', 'Hari Raya Idul Adha 1447 H'],
    ['2026-05-31', 'Hari Raya Waisak 2570 BE'],
    ['2026-06-01', 'Hari Lahir Pancasila'],
    ['2026-06-16', '1 Muharam Tahun Baru Islam 1448 H'],
    ['2026-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
    ['2026-08-25', 'Maulid Nabi Muhammad SAW'],
    ['2026-12-25', 'Kelahiran Yesus Kristus'],
  ]),
  ...days(SKB_2026, 'cuti_bersama', [
    ['2026-02-16', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili'],
    ['2026-03-18', 'Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948'],
    ['2026-03-20', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-03-23', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-03-24', 'Cuti bersama Idul Fitri 1447 H'],
    ['2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'],
    ['2026-05-28', 'Cuti bersama Idul Adha 1447 H'],
    ['2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'],
  ]),
  ...days(FIXED_BY_LAW, 'libur_nasional', [
    ['2027-01-01', 'Tahun Baru 2027 Masehi'],
    ['2027-05-01', 'Hari Buruh Internasional'],
    ['2027-06-01', 'Hari Lahir Pancasila'],
    ['2027-08-17', 'Hari Proklamasi Kemerdekaan Republik Indonesia'],
    ['2027-12-25', 'Kelahiran Yesus Kristus'],
  ]),
  ...days(EASTER_COMPUTUS, 'libur_nasional', [
    ['2027-03-26', 'Wafat Yesus Kristus'],
    ['2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'],
    ['2027-05-06', 'Kenaikan Yesus Kristus'],
  ]),
  ...days('Chinese lunisolar calendar (first day of the first month)', 'libur_nasional', [
    ['2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'],
  ]),
];
