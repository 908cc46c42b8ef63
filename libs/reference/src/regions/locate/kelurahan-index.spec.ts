import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { loadJakartaRegions } from '../../seed/jakarta-boundaries';
import {
  ISLANDS_TOLERANCE_METERS,
  KelurahanIndex,
  MAINLAND_TOLERANCE_METERS,
} from './kelurahan-index';

const kelurahan = loadJakartaRegions()
  .filter((region) => region.level === 'kelurahan')
  .map((region) => ({ code: region.code, geometry: region.geometry! }));
const index = new KelurahanIndex(kelurahan);
const SEED = 20261123;

function toleranceOf(code: string): number {
  return code.startsWith('31.01.') ? ISLANDS_TOLERANCE_METERS : MAINLAND_TOLERANCE_METERS;
}

/** What the index must answer, from the exact test and distance against all 267 boundaries. */
function expectAgreesWithBruteForce(lat: number, lon: number): void {
  const all = index.bruteForce(lat, lon);
  const inside = all.filter((entry) => entry.inside);
  const placement = index.locate(lat, lon);
  if (inside.length > 0) {
    expect(placement?.method).toBe('contains');
    expect([placement!.code, ...placement!.alsoContainedBy].sort()).toEqual(
      inside.map((entry) => entry.code).sort(),
    );
    const deepest = Math.max(...inside.map((entry) => entry.meters));
    expect(inside.find((entry) => entry.code === placement!.code)!.meters).toBe(deepest);
    return;
  }
  const within = all
    .filter((entry) => entry.meters <= toleranceOf(entry.code))
    .sort((a, b) => a.meters - b.meters || a.code.localeCompare(b.code));
  if (within.length === 0) {
    expect(placement).toBeNull();
  } else {
    expect(placement).toMatchObject({ code: within[0].code, method: 'nearest' });
    expect(Math.abs(placement!.distanceMeters - within[0].meters)).toBeLessThan(1);
  }
}

describe('KelurahanIndex', () => {
  it('holds the 267 kelurahan', () => {
    expect(index.size).toBe(267);
  });

  it.each([
    ['Monas', -6.1754, 106.8272, '31.71.01.1001'], // Gambir
    ['Museum Fatahillah', -6.1352, 106.8133, '31.73.03.1008'], // Pinangsia
    ['Ragunan zoo', -6.3125, 106.82, '31.74.04.1004'], // Ragunan
    ['Pulau Pramuka', -5.7453, 106.614, '31.01.01.1001'], // Pulau Panggang
  ])('places %s in its kelurahan', (_place, lat, lon, code) => {
    expect(index.locate(lat, lon)).toMatchObject({ code, method: 'contains', distanceMeters: 0 });
  });

  it.each([
    ['(0, 0)', 0, 0],
    ['Bogor', -6.595, 106.8166],
    ['the Java Sea off Tanjung Priok', -6.0, 106.9],
    ['Tangerang', -6.178, 106.63],
  ])('places nothing at %s', (_place, lat, lon) => {
    expect(index.locate(lat, lon)).toBeNull();
  });

  it('agrees with the brute force on 10,000 random points in Jakarta’s bounding box', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6.38, max: -5.19, noNaN: true }),
        fc.double({ min: 106.38, max: 106.98, noNaN: true }),
        (lat, lon) => expectAgreesWithBruteForce(lat, lon),
      ),
      { seed: SEED, numRuns: 10_000 },
    );
  });

  it('agrees with the brute force next to boundaries, where slivers and gaps are', () => {
    const vertices = kelurahan.flatMap(({ geometry }) =>
      (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flatMap(
        (polygon) => polygon[0],
      ),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: vertices.length - 1 }),
        fc.double({ min: -0.002, max: 0.002, noNaN: true }),
        fc.double({ min: -0.002, max: 0.002, noNaN: true }),
        (vertex, dLat, dLon) =>
          expectAgreesWithBruteForce(vertices[vertex][1] + dLat, vertices[vertex][0] + dLon),
      ),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  it('answers the same through its grid shortcut as through the exact path', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6.45, max: -5.1, noNaN: true }),
        fc.double({ min: 106.3, max: 107.05, noNaN: true }),
        (lat, lon) => expect(index.locate(lat, lon)).toEqual(index.locateExactly(lat, lon)),
      ),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  describe('on synthetic shapes', () => {
    const square = (x0: number, y0: number, size: number): number[][] => [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ];
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [square(106.8, -6.2, 0.01), square(106.803, -6.197, 0.004)],
    };
    const synthetic = new KelurahanIndex([
      { code: '31.71.01.1001', geometry: withHole },
      {
        code: '31.71.01.1002',
        geometry: { type: 'Polygon', coordinates: [square(106.803, -6.197, 0.004)] },
      },
      {
        code: '31.71.01.1003',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(106.82, -6.2, 0.002)], [square(106.83, -6.2, 0.002)]],
        },
      },
    ]);

    it('gives a hole to the kelurahan that fills it', () => {
      expect(synthetic.locate(-6.195, 106.805)?.code).toBe('31.71.01.1002');
      expect(synthetic.locate(-6.199, 106.801)?.code).toBe('31.71.01.1001');
    });

    it('finds every part of a MultiPolygon', () => {
      expect(synthetic.locate(-6.199, 106.821)?.code).toBe('31.71.01.1003');
      expect(synthetic.locate(-6.199, 106.831)?.code).toBe('31.71.01.1003');
    });

    it('counts a point on an edge as inside', () => {
      expect(synthetic.locate(-6.2, 106.805)).toMatchObject({ method: 'contains' });
    });

    it('places a point just outside on the nearest boundary, with the distance', () => {
      const placement = synthetic.locate(-6.2005, 106.805); // ~55 m south of the square
      expect(placement).toMatchObject({ code: '31.71.01.1001', method: 'nearest' });
      expect(placement!.distanceMeters).toBeGreaterThan(50);
      expect(placement!.distanceMeters).toBeLessThan(60);
      expect(synthetic.locate(-6.202, 106.805)).toBeNull(); // ~220 m: beyond the tolerance
    });
  });
});
