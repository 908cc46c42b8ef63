import { JAKARTA_KOTA_CODES } from '@crm/identity';

/**
 * Kecamatan code 99 exists in no kota of DKI Jakarta: every synthetic NIK and KK number carries
 * it, so they are structurally valid (they pass `parseNik`/`parseKk`) yet can never be a real
 * resident's number. For demos, tests and benchmarks only.
 */
export const SYNTHETIC_KECAMATAN = '99';

const KOTA = [...JAKARTA_KOTA_CODES];

/** A deterministic pseudo-random source in [0, 1), so generated files are reproducible. */
export type Random = () => number;

export function syntheticNik(random: Random, sex: 'L' | 'P' = random() < 0.5 ? 'L' : 'P'): string {
  const kota = KOTA[Math.floor(random() * KOTA.length)];
  const year = 1940 + Math.floor(random() * 80);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28) + (sex === 'P' ? 40 : 0);
  const serial = 1 + Math.floor(random() * 9998);
  return `31${kota}${SYNTHETIC_KECAMATAN}${pad(day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
}

export function syntheticKk(random: Random): string {
  const kota = KOTA[Math.floor(random() * KOTA.length)];
  const year = 2000 + Math.floor(random() * 24);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const serial = 1 + Math.floor(random() * 9998);
  return `31${kota}${SYNTHETIC_KECAMATAN}${pad(day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`;
}

/** Whether a number was made by this generator (kecamatan 99 in DKI Jakarta). */
export function isSynthetic(value: string): boolean {
  return value.startsWith('31') && value.slice(4, 6) === SYNTHETIC_KECAMATAN;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
