import * as fc from 'fast-check';
import { percentiles } from './percentiles';

/** The definition, the slow way: sort and take the nearest rank. */
function byDefinition(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

describe('percentiles', () => {
  it('equal the nearest-rank definition for any whole seconds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(5_000), fc.nat(200_000_000)), { maxLength: 400 }),
        fc.constantFrom(0.5, 0.9, 0.01, 0.99, 1),
        (values, p) => {
          expect(percentiles(Uint32Array.from(values), [p])).toEqual([byDefinition(values, p)]);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it('gives null for no values', () => {
    expect(percentiles(new Uint32Array(0), [0.5, 0.9])).toEqual([null, null]);
  });
});
