import type { PiiCipher } from '@crm/core';
import { parseKk, parseNik } from '@crm/identity';

/** The columns of a P3KE/DTKS registry file, in order (docs/api.md; docs/registry.md). */
export const REGISTRY_COLUMNS = [
  'id_keluarga_p3ke',
  'id_individu_p3ke',
  'nik',
  'no_kk',
  'nama',
  'jenis_kelamin',
  'hubungan',
  'kelurahan_code',
  'desil',
  'program_pusat',
  'program_daerah',
] as const;

/** A row that passed every check, ready to store. */
export interface RegistryRow {
  familyId: string;
  individualId: string;
  nik: string;
  kk: string;
  name: string;
  sex: 'L' | 'P';
  relationship: string;
  kelurahanCode: string;
  decile: number | null;
  centralProgrammes: string[];
  regionalProgrammes: string[];
}

const ID = /^[A-Za-z0-9._-]{1,40}$/;
const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

const column = Object.fromEntries(REGISTRY_COLUMNS.map((name, index) => [name, index])) as Record<
  (typeof REGISTRY_COLUMNS)[number],
  number
>;

/**
 * Checks one record (its fields in the order of REGISTRY_COLUMNS); returns the row or the first
 * reason it cannot be stored. `today` decides the century of a birth date's two-digit year.
 */
export function readRegistryRecord(
  fields: string[],
  kelurahanCodes: ReadonlySet<string>,
  today: Date,
): RegistryRow | { reason: string } {
  if (fields.length !== REGISTRY_COLUMNS.length) {
    return { reason: `expected ${REGISTRY_COLUMNS.length} fields, found ${fields.length}` };
  }
  const field = (name: keyof typeof column) => fields[column[name]].trim();
  const familyId = field('id_keluarga_p3ke');
  const individualId = field('id_individu_p3ke');
  if (!ID.test(familyId)) return { reason: 'id_keluarga_p3ke: missing or malformed' };
  if (!ID.test(individualId)) return { reason: 'id_individu_p3ke: missing or malformed' };
  const nik = parseNik(field('nik'), today);
  if (!nik.valid) return { reason: `nik: ${nik.reason}` };
  const kk = parseKk(field('no_kk'), today);
  if (!kk.valid) return { reason: `no_kk: ${kk.reason}` };
  const name = field('nama');
  if (!name || name.length > 200) return { reason: 'nama: missing or longer than 200 characters' };
  const sex = field('jenis_kelamin').toUpperCase();
  if (sex !== 'L' && sex !== 'P') return { reason: 'jenis_kelamin: must be L or P' };
  if (sex !== nik.parts.sex) {
    return {
      reason: `jenis_kelamin: ${sex} but the NIK is of a ${nik.parts.sex === 'P' ? 'woman' : 'man'}`,
    };
  }
  const relationship = field('hubungan');
  if (!relationship || relationship.length > 60) return { reason: 'hubungan: missing or too long' };
  const kelurahanCode = field('kelurahan_code');
  if (!kelurahanCodes.has(kelurahanCode)) {
    // Named only when it is a code: a row whose columns slipped holds a NIK or KK number here.
    return {
      reason: KELURAHAN_CODE.test(kelurahanCode)
        ? `kelurahan_code: ${kelurahanCode} is not a kelurahan of DKI Jakarta`
        : `kelurahan_code: ${kelurahanCode ? 'not a code like 31.71.01.1001' : '(empty)'}`,
    };
  }
  const decileText = field('desil');
  const decile = decileText === '' ? null : Number(decileText);
  if (decile !== null && !(Number.isInteger(decile) && decile >= 1 && decile <= 10)) {
    return { reason: 'desil: must be a whole number from 1 to 10, or empty' };
  }
  return {
    familyId,
    individualId,
    nik: field('nik'),
    kk: field('no_kk'),
    name,
    sex,
    relationship,
    kelurahanCode,
    decile,
    centralProgrammes: programmes(field('program_pusat')),
    regionalProgrammes: programmes(field('program_daerah')),
  };
}

function programmes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(';')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ].sort();
}

/** The batch as `COPY` text: the personal numbers encrypted, the lookups and row keyed-hashed. */
export function registryCopyText(rows: RegistryRow[], pii: PiiCipher): string {
  let text = '';
  for (const row of rows) {
    text +=
      `${copyField(row.familyId)}\t${copyField(row.individualId)}\t${pii.encrypt(row.nik)}\t` +
      `${pii.lookupHash(row.nik)}\t${pii.encrypt(row.kk)}\t${pii.lookupHash(row.kk)}\t` +
      `${copyField(row.name)}\t${row.sex}\t${copyField(row.relationship)}\t${row.kelurahanCode}\t` +
      `${row.decile === null ? '\\N' : row.decile}\t${copyField(row.centralProgrammes.join(';'))}\t` +
      `${copyField(row.regionalProgrammes.join(';'))}\t` +
      // Keyed, so that the hash of a row says nothing about the NIK in it.
      `${pii.lookupHash(JSON.stringify(row))}\n`;
  }
  return text;
}

/** A text field in COPY's text format: the backslash, tab and line ends escaped. */
function copyField(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};
