import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A WGS84 point, as the service names it elsewhere (`lat`, `lon`). */
export interface LabelPoint {
  lat: number;
  lon: number;
}

/**
 * The point that stands for a kelurahan when a ticket must not show its own (a sensitive
 * category on Open311): always inside the boundary, so it is placed in the same kelurahan again,
 * and the same for every ticket of that kelurahan, so it says nothing about the household.
 *
 * A plain centroid can fall outside a concave boundary (a kelurahan bent around a river) or in
 * the sea between islands. So: the largest polygon (the main island of a Kepulauan Seribu
 * kelurahan), its area centroid's latitude, and on that line the middle of the widest stretch that
 * lies inside the polygon (holes excluded).
 */
export function labelPoint(geometry: Polygon | MultiPolygon): LabelPoint {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, polygon) =>
    Math.abs(ringArea(polygon[0])) > Math.abs(ringArea(best[0])) ? polygon : best,
  );
  const lat = centroidLatitude(largest[0]);
  const stretch = widestStretchAt(largest, lat);
  if (!stretch) {
    // A degenerate ring (no area): its first vertex is still on the boundary.
    const [lon0, lat0] = largest[0][0];
    return { lat: lat0, lon: lon0 };
  }
  return { lat: toMetre(lat), lon: toMetre((stretch[0] + stretch[1]) / 2) };
}

/** Five decimals, about a metre: more would claim a precision the point does not have. */
const toMetre = (degrees: number): number => Math.round(degrees * 1e5) / 1e5;

/** Twice the signed area of a ring (shoelace), in square degrees. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return sum;
}

function centroidLatitude(ring: Position[]): number {
  const twiceArea = ringArea(ring);
  if (twiceArea === 0) return ring[0][1];
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    sum += (ring[j][1] + ring[i][1]) * cross;
  }
  return sum / (3 * twiceArea);
}

/**
 * The widest [west, east] interval of the line at `lat` inside the polygon: the crossings of all
 * its rings, sorted, pair up as inside stretches (even-odd rule, so holes fall out by themselves).
 */
function widestStretchAt(polygon: Position[][], lat: number): [number, number] | null {
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      // Half-open on y so that a vertex on the line is counted once.
      if (y1 > lat !== y2 > lat) crossings.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  crossings.sort((a, b) => a - b);
  let widest: [number, number] | null = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (!widest || crossings[i + 1] - crossings[i] > widest[1] - widest[0]) {
      widest = [crossings[i], crossings[i + 1]];
    }
  }
  return widest;
}
