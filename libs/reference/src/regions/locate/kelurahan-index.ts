import Flatbush from 'flatbush';
import { getDistance } from 'geolib';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import pointInPolygon from 'point-in-polygon-hao';

export interface KelurahanShape {
  code: string;
  geometry: Polygon | MultiPolygon;
}

/** How a point was placed: inside a boundary, or near one within the area's tolerance. */
export type LocateMethod = 'contains' | 'nearest';

export interface Placement {
  code: string;
  method: LocateMethod;
  /** 0 inside a boundary; metres to the nearest boundary otherwise. */
  distanceMeters: number;
  /** Other kelurahan whose (simplified) boundary also contains the point. */
  alsoContainedBy: string[];
}

/**
 * Tolerances for placing a point that lies in no kelurahan. On the mainland the simplified
 * boundaries leave slivers and gaps of some tens of metres; in Kepulauan Seribu (kota 31.01) a
 * kelurahan administers the sea between its islands, so a report from a boat or a jetty is placed
 * on the nearest island's kelurahan up to a few kilometres out.
 */
export const MAINLAND_TOLERANCE_METERS = 100;
export const ISLANDS_TOLERANCE_METERS = 5_000;
const ISLANDS_KOTA_PREFIX = '31.01.';

const METERS_PER_DEGREE = 111_320;

/** Grid cells of about 220 m: most of Jakarta's area lies in cells no boundary crosses. */
const CELL_DEGREES = 0.002;
const CELL_UNKNOWN = -1;
const CELL_NOTHING_NEAR = -2;

/**
 * Point → kelurahan over the 267 boundaries: an R-tree (flatbush) over bounding boxes narrows a
 * lookup to a few candidates, then an exact, robust point-in-polygon test (point-in-polygon-hao,
 * which handles points on an edge) decides. MultiPolygons and holes are honoured. Pure and
 * immutable: built once from the database at start.
 */
export class KelurahanIndex {
  private readonly tree: Flatbush;
  private readonly shapes: PreparedShape[];
  private readonly grid: CellGrid;

  constructor(kelurahan: KelurahanShape[]) {
    if (kelurahan.length === 0) throw new Error('KelurahanIndex needs at least one boundary');
    this.shapes = kelurahan.map(prepare);
    this.tree = new Flatbush(this.shapes.length);
    for (const shape of this.shapes) this.tree.add(...shape.bbox);
    this.tree.finish();
    this.grid = this.buildGrid();
  }

  get size(): number {
    return this.shapes.length;
  }

  /** Codes of every kelurahan whose boundary contains the point (usually one, rarely two). */
  containing(lat: number, lon: number): string[] {
    const codes: string[] = [];
    const point = [lon, lat];
    for (const id of this.tree.search(lon, lat, lon, lat)) {
      if (contains(this.shapes[id], point)) codes.push(this.shapes[id].code);
    }
    return codes;
  }

  /**
   * The kelurahan for a point, or null when no kelurahan contains it or lies within its
   * tolerance. Where simplified boundaries overlap, the point goes to the kelurahan it lies
   * deepest inside (farthest from that boundary), ties to the lower code; the others are
   * returned in `alsoContainedBy`.
   */
  locate(lat: number, lon: number): Placement | null {
    const known = this.grid.cells[this.grid.cellOf(lat, lon)] ?? CELL_UNKNOWN;
    if (known >= 0) {
      return {
        code: this.shapes[known].code,
        method: 'contains',
        distanceMeters: 0,
        alsoContainedBy: [],
      };
    }
    if (known === CELL_NOTHING_NEAR) return null;
    return this.locateExactly(lat, lon);
  }

  /** The R-tree and exact tests, without the grid's shortcut (also what builds the grid). */
  locateExactly(lat: number, lon: number): Placement | null {
    const point = [lon, lat];
    let first: PreparedShape | undefined;
    let others: PreparedShape[] | undefined;
    // The exact test runs inside flatbush's filter so that a lookup allocates next to nothing.
    this.tree.search(lon, lat, lon, lat, (id) => {
      const shape = this.shapes[id];
      if (contains(shape, point)) {
        if (!first) first = shape;
        else (others ??= []).push(shape);
      }
      return false;
    });
    if (first && !others) {
      return { code: first.code, method: 'contains', distanceMeters: 0, alsoContainedBy: [] };
    }
    if (first && others) return this.resolveOverlap(lat, lon, [first, ...others]);
    return this.nearest(lat, lon);
  }

  /**
   * A shortcut in front of the exact test, exact itself: a cell that no boundary edge touches
   * lies wholly inside one kelurahan, or wholly outside all, so its centre answers for all of it.
   * Cells touched by an edge, in an overlap, or near a boundary (within the tolerance, where the
   * nearest search decides) stay unknown and take the exact path.
   */
  private buildGrid(): CellGrid {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { bbox } of this.shapes) {
      minX = Math.min(minX, bbox[0]);
      minY = Math.min(minY, bbox[1]);
      maxX = Math.max(maxX, bbox[2]);
      maxY = Math.max(maxY, bbox[3]);
    }
    const margin = degreesCovering(
      ISLANDS_TOLERANCE_METERS,
      Math.max(Math.abs(minY), Math.abs(maxY)),
    );
    const originX = minX - margin;
    const originY = minY - margin;
    const cols = Math.ceil((maxX + margin - originX) / CELL_DEGREES);
    const rows = Math.ceil((maxY + margin - originY) / CELL_DEGREES);
    const col = (lon: number) => Math.floor((lon - originX) / CELL_DEGREES);
    const row = (lat: number) => Math.floor((lat - originY) / CELL_DEGREES);
    const cellOf = (lat: number, lon: number) => {
      const c = col(lon);
      const r = row(lat);
      return c < 0 || r < 0 || c >= cols || r >= rows ? -1 : r * cols + c;
    };

    const touched = new Uint8Array(cols * rows);
    for (const { polygons } of this.shapes) {
      for (const polygon of polygons) {
        for (const ring of polygon) {
          for (let i = 1; i < ring.length; i++) {
            const [x0, y0] = ring[i - 1];
            const [x1, y1] = ring[i];
            for (let r = row(Math.min(y0, y1)); r <= row(Math.max(y0, y1)); r++) {
              for (let c = col(Math.min(x0, x1)); c <= col(Math.max(x0, x1)); c++) {
                touched[r * cols + c] = 1;
              }
            }
          }
        }
      }
    }

    const cells = new Int32Array(cols * rows).fill(CELL_UNKNOWN);
    const byCode = new Map(this.shapes.map((shape, index) => [shape.code, index]));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (touched[r * cols + c]) continue;
        const south = originY + r * CELL_DEGREES;
        const west = originX + c * CELL_DEGREES;
        const codes = this.containing(south + CELL_DEGREES / 2, west + CELL_DEGREES / 2);
        if (codes.length === 1) {
          cells[r * cols + c] = byCode.get(codes[0])!;
        } else if (codes.length === 0 && !this.anyWithinTolerance(south, west)) {
          cells[r * cols + c] = CELL_NOTHING_NEAR;
        }
      }
    }
    return { cells, cellOf };
  }

  /** Whether any boundary lies within its tolerance of some point of the cell at (south, west). */
  private anyWithinTolerance(south: number, west: number): boolean {
    return [MAINLAND_TOLERANCE_METERS, ISLANDS_TOLERANCE_METERS].some((toleranceMeters) => {
      const dLat = toleranceMeters / METERS_PER_DEGREE;
      const dLon = degreesCovering(toleranceMeters, south);
      return (
        this.tree.search(
          west - dLon,
          south - dLat,
          west + CELL_DEGREES + dLon,
          south + CELL_DEGREES + dLat,
          (id) => this.shapes[id].toleranceMeters === toleranceMeters,
        ).length > 0
      );
    });
  }

  private resolveOverlap(lat: number, lon: number, shapes: PreparedShape[]): Placement {
    const ranked = shapes
      .map((shape) => ({ shape, depth: distanceToBoundary(shape, lat, lon).meters }))
      .sort((a, b) => b.depth - a.depth || a.shape.code.localeCompare(b.shape.code));
    return {
      code: ranked[0].shape.code,
      method: 'contains',
      distanceMeters: 0,
      alsoContainedBy: ranked.slice(1).map(({ shape }) => shape.code),
    };
  }

  private nearest(lat: number, lon: number): Placement | null {
    // Two narrow searches rather than one wide one: mainland boundaries only within their small
    // tolerance, then island boundaries within theirs.
    let best: { shape: PreparedShape; meters: number; closest: Position } | undefined;
    for (const toleranceMeters of [MAINLAND_TOLERANCE_METERS, ISLANDS_TOLERANCE_METERS]) {
      // A box search widened by the tolerance (flatbush 3's `neighbors` never returns once a
      // filter has emptied its queue).
      const dLat = toleranceMeters / METERS_PER_DEGREE;
      const dLon = degreesCovering(toleranceMeters, lat);
      const candidates = this.tree.search(
        lon - dLon,
        lat - dLat,
        lon + dLon,
        lat + dLat,
        (id) => this.shapes[id].toleranceMeters === toleranceMeters,
      );
      // Nearest boxes first; a box farther than the best distance so far cannot hold a nearer edge.
      const ranked = candidates
        .map((id) => ({
          shape: this.shapes[id],
          floor: boxDistance(this.shapes[id].bbox, lat, lon),
        }))
        .sort((a, b) => a.floor - b.floor);
      for (const { shape, floor } of ranked) {
        const limit = Math.min(toleranceMeters, best?.meters ?? Infinity);
        if (floor > limit) break;
        const { meters, closest } = distanceToBoundary(shape, lat, lon, limit);
        if (meters > toleranceMeters) continue;
        if (
          !best ||
          meters < best.meters ||
          (meters === best.meters && shape.code < best.shape.code)
        ) {
          best = { shape, meters, closest };
        }
      }
      if (best) break;
    }
    if (!best) return null;
    // The search works in a local plane; the distance reported is geodesic (geolib).
    const distanceMeters = getDistance(
      { latitude: lat, longitude: lon },
      { latitude: best.closest[1], longitude: best.closest[0] },
      0.1,
    );
    return { code: best.shape.code, method: 'nearest', distanceMeters, alsoContainedBy: [] };
  }

  /**
   * Every code, whether it contains the point, and its distance to the point — the brute force
   * the tests compare with. Distances beyond every tolerance (told apart by the bounding box
   * alone) are reported as Infinity.
   */
  bruteForce(lat: number, lon: number): { code: string; inside: boolean; meters: number }[] {
    const dLat = ISLANDS_TOLERANCE_METERS / METERS_PER_DEGREE;
    const dLon = degreesCovering(ISLANDS_TOLERANCE_METERS, lat);
    return this.shapes.map((shape) => {
      const [minX, minY, maxX, maxY] = shape.bbox;
      const far = lon < minX - dLon || lon > maxX + dLon || lat < minY - dLat || lat > maxY + dLat;
      return {
        code: shape.code,
        inside: contains(shape, [lon, lat]),
        meters: far ? Infinity : distanceToBoundary(shape, lat, lon).meters,
      };
    });
  }
}

interface CellGrid {
  /** Per cell: the index of the one shape containing it, or CELL_UNKNOWN / CELL_NOTHING_NEAR. */
  cells: Int32Array;
  /** The cell of a point, or -1 outside the grid. */
  cellOf: (lat: number, lon: number) => number;
}

interface PreparedShape {
  code: string;
  /** Polygons as rings of [lon, lat]: outer ring first, then holes. */
  polygons: Position[][][];
  bbox: Box;
  /**
   * Per polygon (island) its box and its rings' edges in runs with their boxes, so a distance
   * search skips far islands, then far runs of edges, whole.
   */
  parts: { box: Box; chunks: EdgeChunk[] }[];
  toleranceMeters: number;
}

/** Edges `start`…`end - 1` of a ring (edge i joins vertex i and i + 1), and their box. */
interface EdgeChunk {
  ring: Position[];
  start: number;
  end: number;
  box: Box;
}

const EDGES_PER_CHUNK = 16;

function chunksOf(polygon: Position[][]): EdgeChunk[] {
  const chunks: EdgeChunk[] = [];
  for (const ring of polygon) {
    for (let start = 0; start < ring.length - 1; start += EDGES_PER_CHUNK) {
      const end = Math.min(start + EDGES_PER_CHUNK, ring.length - 1);
      chunks.push({ ring, start, end, box: boxOf(ring.slice(start, end + 1)) });
    }
  }
  return chunks;
}

type Box = [number, number, number, number];

function boxOf(ring: Position[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

/** A lower bound, in metres, of the distance from a point to anything inside a box. */
function boxDistance(
  [minX, minY, maxX, maxY]: Box,
  lat: number,
  lon: number,
  metersPerDegreeLon = metersPerDegreeOfLongitude(lat),
): number {
  const dx = Math.max(minX - lon, 0, lon - maxX) * metersPerDegreeLon;
  const dy = Math.max(minY - lat, 0, lat - maxY) * METERS_PER_DEGREE;
  return Math.sqrt(dx * dx + dy * dy) * 0.999;
}

function prepare({ code, geometry }: KelurahanShape): PreparedShape {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const partBoxes = polygons.map((polygon) => boxOf(polygon[0]));
  const bbox: Box = [
    Math.min(...partBoxes.map((box) => box[0])),
    Math.min(...partBoxes.map((box) => box[1])),
    Math.max(...partBoxes.map((box) => box[2])),
    Math.max(...partBoxes.map((box) => box[3])),
  ];
  return {
    code,
    polygons,
    bbox,
    parts: polygons.map((polygon, part) => ({ box: partBoxes[part], chunks: chunksOf(polygon) })),
    toleranceMeters: code.startsWith(ISLANDS_KOTA_PREFIX)
      ? ISLANDS_TOLERANCE_METERS
      : MAINLAND_TOLERANCE_METERS,
  };
}

/**
 * A search radius in degrees that reaches every box within `meters`: flatbush measures plain
 * degrees, and a degree of longitude is shorter than one of latitude by cos(latitude).
 */
function metersPerDegreeOfLongitude(lat: number): number {
  return METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
}

function degreesCovering(meters: number, lat: number): number {
  return meters / (METERS_PER_DEGREE * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
}

/** Inside or on the boundary of any polygon of the shape (holes excluded). */
function contains(shape: PreparedShape, point: number[]): boolean {
  const [x, y] = point;
  for (let part = 0; part < shape.polygons.length; part++) {
    // An island group's box spans the sea between its islands: test only islands whose own box
    // holds the point.
    const [minX, minY, maxX, maxY] = shape.parts[part].box;
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    // point-in-polygon-hao: true inside, 0 on an edge, false outside; holes are its later rings.
    if (pointInPolygon(point, shape.polygons[part]) !== false) return true;
  }
  return false;
}

/**
 * Distance from a point to the nearest edge of a shape, in an equirectangular plane centred on
 * the point (exact enough over the few kilometres the tolerances span), with the closest point.
 */
function distanceToBoundary(
  shape: PreparedShape,
  lat: number,
  lon: number,
  limitMeters = Infinity,
): { meters: number; closest: Position } {
  const kx = metersPerDegreeOfLongitude(lat);
  const ky = METERS_PER_DEGREE;
  let bestSquared = Infinity;
  let closestX = 0;
  let closestY = 0;
  // Islands, then runs of edges, whose box is beyond the limit or the best edge so far are skipped.
  const far = (box: Box) => {
    const floor = boxDistance(box, lat, lon, kx);
    return floor > limitMeters || floor * floor > bestSquared;
  };
  for (const part of shape.parts) {
    if (far(part.box)) continue;
    for (const { ring, start, end, box } of part.chunks) {
      if (far(box)) continue;
      for (let i = start; i < end; i++) {
        const ax = (ring[i][0] - lon) * kx;
        const ay = (ring[i][1] - lat) * ky;
        const dx = (ring[i + 1][0] - lon) * kx - ax;
        const dy = (ring[i + 1][1] - lat) * ky - ay;
        const lengthSquared = dx * dx + dy * dy;
        const t =
          lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
        const px = ax + t * dx;
        const py = ay + t * dy;
        const squared = px * px + py * py;
        if (squared < bestSquared) {
          bestSquared = squared;
          closestX = px;
          closestY = py;
        }
      }
    }
  }
  return {
    meters: Math.sqrt(bestSquared),
    closest: [lon + closestX / kx, lat + closestY / ky],
  };
}
