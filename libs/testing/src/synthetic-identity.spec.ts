import * as fc from 'fast-check';
import { parseKk, parseNik } from '@crm/identity';
import { isSynthetic, seededRandom, syntheticKk, syntheticNik } from './synthetic-identity';

const TODAY = new Date('2026-11-23T00:00:00Z');

describe('synthetic numbers', () => {
  it('always validate, round-trip through parsing, and are recognisably fake', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('L' as const, 'P' as const), (seed, sex) => {
        const random = seededRandom(seed);
        const nik = syntheticNik(random, sex);
        const parsed = parseNik(nik, TODAY);
        expect(parsed).toMatchObject({ valid: true, parts: { sex } });
        if (!parsed.valid) return;
        const [year, month, day] = parsed.parts.birthDate.split('-');
        const rebuilt =
          parsed.parts.kecamatan.replace(/\./g, '') +
          String(Number(day) + (sex === 'P' ? 40 : 0)).padStart(2, '0') +
          month +
          year.slice(2) +
          parsed.parts.serial;
        expect(rebuilt).toBe(nik);
        expect(isSynthetic(nik)).toBe(true);
        expect(parseKk(syntheticKk(random), TODAY).valid).toBe(true);
      }),
      { seed: 20261123, numRuns: Number(process.env.FUZZ_RUNS ?? 2_000) },
    );
  });
});
