import { Random, syntheticKk, syntheticNik } from './synthetic-identity';
import { REGISTRY_COLUMNS } from '@crm/registry';

const GIVEN = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Nur', 'Hendra', 'Lestari', 'Eko'];
const FAMILY = ['Contoh', 'Fiktif', 'Sampel', 'Uji'];
const CENTRAL = ['PKH', 'BPNT', 'PBI-JK', 'BLT-DD'];
const REGIONAL = ['KJP Plus', 'KLJ', 'KPDJ', 'KAJ', 'Pangan Bersubsidi'];

/**
 * Lines of a synthetic registry file (header first): households of one to six people with
 * synthetic NIK and KK numbers (kecamatan 99: valid in form, never a real person's), made-up names
 * and random programmes, spread over the given kelurahan. `badEvery` > 0 spoils every n-th row
 * (for tests and demos of the rejection report).
 */
export function* syntheticRegistryLines(
  rows: number,
  random: Random,
  kelurahanCodes: readonly string[],
  badEvery = 0,
): Generator<string> {
  yield REGISTRY_COLUMNS.join(',');
  let written = 0;
  let family = 0;
  while (written < rows) {
    family++;
    const familyId = `P3KE-F${String(family).padStart(8, '0')}`;
    const kk = syntheticKk(random);
    const kelurahan = kelurahanCodes[Math.floor(random() * kelurahanCodes.length)];
    const decile = 1 + Math.floor(random() * 4);
    const size = 1 + Math.floor(random() * 6);
    const surname = FAMILY[Math.floor(random() * FAMILY.length)];
    for (let member = 0; member < size && written < rows; member++) {
      written++;
      const sex = member === 1 ? 'P' : random() < 0.5 ? 'L' : 'P';
      const relationship = member === 0 ? 'Kepala Keluarga' : member === 1 ? 'Istri' : 'Anak';
      const pick = (names: string[]) => names.filter(() => random() < 0.25).join(';');
      const fields = [
        familyId,
        `P3KE-I${String(written).padStart(9, '0')}`,
        syntheticNik(random, sex),
        kk,
        `${GIVEN[Math.floor(random() * GIVEN.length)]} ${surname}`,
        sex,
        relationship,
        kelurahan,
        String(decile),
        pick(CENTRAL),
        pick(REGIONAL),
      ];
      if (badEvery > 0 && written % badEvery === 0) fields[2] = fields[2].slice(0, 15);
      yield fields.map(csvField).join(',');
    }
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
