import type { MultiPolygon, Polygon } from 'geojson';
import pointInPolygon from 'point-in-polygon-hao';
import { loadJakartaRegions } from '../seed/jakarta-boundaries';
import { labelPoint } from './label-point';
import { KelurahanIndex } from './locate/kelurahan-index';

const square = (x: number, y: number, size: number): number[][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('labelPoint', () => {
  it('is the centre of a square', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [square(0, 0, 2)] })).toEqual({
      lat: 1,
      lon: 1,
    });
  });

  it('stays inside a C-shaped boundary whose centroid lies outside it', () => {
    // A "C" open to the east: the centroid falls in the opening.
    const shape: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const point = labelPoint(shape);
    expect(pointInPolygon([point.lon, point.lat], shape.coordinates)).toBe(true);
  });

  it('keeps out of a hole and takes the largest island', () => {
    const ringWithHole: Polygon = {
      type: 'Polygon',
      coordinates: [square(0, 0, 4), square(1, 1, 2).reverse()],
    };
    const inRing = labelPoint(ringWithHole);
    expect(pointInPolygon([inRing.lon, inRing.lat], ringWithHole.coordinates)).toBe(true);

    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(10, 10, 0.5)], [square(0, 0, 2)]],
    };
    expect(labelPoint(islands)).toEqual({ lat: 1, lon: 1 });
  });

  it('places every one of the 267 kelurahan’s point back in that kelurahan', () => {
    const kelurahan = loadJakartaRegions()
      .filter((region) => region.level === 'kelurahan')
      .map((region) => ({ code: region.code, geometry: region.geometry! }));
    expect(kelurahan).toHaveLength(267);
    const index = new KelurahanIndex(kelurahan);
    const misplaced = kelurahan.filter(({ code, geometry }) => {
      const point = labelPoint(geometry);
      return !index.containing(point.lat, point.lon).includes(code);
    });
    expect(misplaced.map(({ code }) => code)).toEqual([]);
  });
});
