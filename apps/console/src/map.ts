/** Kelurahan boundaries drawn as SVG: the dashboard's choropleth and the operator's place picker. */

type Ring = [number, number][];
export type Boundary =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] }
  | null
  | undefined;

/** Kepulauan Seribu lies 40–150 km out at sea: drawn with the mainland, Jakarta would be a speck. */
export const ISLANDS = '31.01';
export const MAP_WIDTH = 600;

export interface Projection {
  /** Each boundary as an SVG path, in the order given. */
  paths: string[];
  height: number;
  /** The WGS84 point under a place on the drawing. */
  toLonLat(x: number, y: number): [number, number];
  /** Where a WGS84 point falls on the drawing. */
  toXY(lon: number, lat: number): [number, number];
}

/** Plate carrée with longitude scaled by the cosine of the middle latitude: true enough at 6° S. */
export function project(boundaries: Boundary[]): Projection {
  const rings = (b: Boundary): Ring[] =>
    !b ? [] : b.type === 'Polygon' ? b.coordinates : b.coordinates.flat();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boundaries)
    for (const ring of rings(b))
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = MAP_WIDTH / ((maxX - minX) * kx);
  const toXY = (lon: number, lat: number): [number, number] => [
    (lon - minX) * kx * scale,
    (maxY - lat) * scale,
  ];
  return {
    paths: boundaries.map((b) =>
      rings(b)
        .map(
          (ring) =>
            'M' +
            ring
              .map(([lon, lat]) =>
                toXY(lon, lat)
                  .map((n) => n.toFixed(1))
                  .join(','),
              )
              .join('L') +
            'Z',
        )
        .join(''),
    ),
    height: Math.ceil((maxY - minY) * scale),
    toLonLat: (x, y) => [minX + x / (kx * scale), maxY - y / scale],
    toXY,
  };
}
