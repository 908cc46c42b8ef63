import { Bilingual, bilingual } from '@crm/core';
import { DKI_JAKARTA, JAKARTA_KOTA_CODES, PROVINCE_CODES } from './provinces';

const SERIAL_ZERO = bilingual(
  'nomor urut (4 angka terakhir) tidak boleh 0000',
  'the serial (last 4 digits) is 0000',
);

export interface NikParts {
  province: string;
  /** Province + kota/kabupaten, e.g. `31.71` */
  kota: string;
  /** Province + kota + kecamatan, e.g. `31.71.01` */
  kecamatan: string;
  sex: 'L' | 'P';
  /** ISO date, e.g. `1990-01-05` */
  birthDate: string;
  serial: string;
}

export type Parsed<T> = { valid: true; parts: T } | { valid: false; reason: Bilingual };

/**
 * Reads a NIK: 16 digits = province (2), kota/kabupaten (2), kecamatan (2), date of birth DDMMYY
 * with 40 added to the day for women, serial (4, not 0000). The province must exist; in DKI
 * Jakarta the kota must be one of 01, 71–75; the date must exist. `today` decides the century of
 * a two-digit year: the latest one that does not put the date in the future.
 */
export function parseNik(value: string, today: Date = new Date()): Parsed<NikParts> {
  const region = parseRegion(value, bilingual('NIK', 'NIK'));
  if (!region.valid) return region;
  const day = Number(value.slice(6, 8));
  const female = day > 40;
  const date = birthDate(day - (female ? 40 : 0), value.slice(8, 10), value.slice(10, 12), today);
  if (!date) {
    return {
      valid: false,
      reason: bilingual(
        `digit ke-7–12 (${value.slice(6, 12)}) bukan tanggal lahir (DDMMYY, tanggal + 40 untuk perempuan)`,
        `digits 7–12 (${value.slice(6, 12)}) are not a date of birth (DDMMYY, day + 40 for women)`,
      ),
    };
  }
  const serial = value.slice(12);
  if (serial === '0000') return { valid: false, reason: SERIAL_ZERO };
  return {
    valid: true,
    parts: { ...region.parts, sex: female ? 'P' : 'L', birthDate: date, serial },
  };
}

export interface KkParts {
  province: string;
  kota: string;
  kecamatan: string;
  /** The date the card was issued, ISO */
  issuedOn: string;
  serial: string;
}

/**
 * Reads a family card number (KK): the same region prefix as a NIK, the issue date DDMMYY (no
 * +40), and a serial that is not 0000.
 */
export function parseKk(value: string, today: Date = new Date()): Parsed<KkParts> {
  const region = parseRegion(value, bilingual('Nomor KK', 'KK number'));
  if (!region.valid) return region;
  const issuedOn = birthDate(
    Number(value.slice(6, 8)),
    value.slice(8, 10),
    value.slice(10, 12),
    today,
  );
  if (!issuedOn) {
    return {
      valid: false,
      reason: bilingual(
        `digit ke-7–12 (${value.slice(6, 12)}) bukan tanggal terbit (DDMMYY)`,
        `digits 7–12 (${value.slice(6, 12)}) are not an issue date (DDMMYY)`,
      ),
    };
  }
  const serial = value.slice(12);
  if (serial === '0000') return { valid: false, reason: SERIAL_ZERO };
  return { valid: true, parts: { ...region.parts, issuedOn, serial } };
}

function parseRegion(
  value: string,
  what: Bilingual,
): Parsed<Pick<NikParts, 'province' | 'kota' | 'kecamatan'>> {
  if (typeof value !== 'string' || !/^\d{16}$/.test(value)) {
    return {
      valid: false,
      reason: bilingual(`${what.id} harus tepat 16 angka`, `a ${what.en} has exactly 16 digits`),
    };
  }
  const province = value.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return {
      valid: false,
      reason: bilingual(
        `${province} bukan kode provinsi di Indonesia`,
        `${province} is not an Indonesian province code`,
      ),
    };
  }
  const kota = value.slice(2, 4);
  if (province === DKI_JAKARTA && !JAKARTA_KOTA_CODES.has(kota)) {
    return {
      valid: false,
      reason: bilingual(
        `31.${kota} bukan kota/kabupaten di DKI Jakarta (01, 71, 72, 73, 74 atau 75)`,
        `31.${kota} is not a kota of DKI Jakarta (01, 71, 72, 73, 74 or 75)`,
      ),
    };
  }
  return {
    valid: true,
    parts: {
      province,
      kota: `${province}.${kota}`,
      kecamatan: `${province}.${kota}.${value.slice(4, 6)}`,
    },
  };
}

/** The ISO date for DD, MM, YY if it exists, in the latest century that is not in the future. */
function birthDate(day: number, mm: string, yy: string, today: Date): string | null {
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1) return null;
  for (const century of [2000, 1900]) {
    const year = century + Number(yy);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) continue;
    if (date.getTime() > today.getTime()) continue;
    return date.toISOString().slice(0, 10);
  }
  return null;
}
