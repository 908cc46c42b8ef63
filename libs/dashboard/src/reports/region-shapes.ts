import { Injectable, Logger } from '@nestjs/common';
import type { MultiPolygon, Polygon } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { RegionDirectory } from '@crm/reference';
import type { DashboardRegionLevel } from '../dashboard-query.dto';

type Shape = Polygon | MultiPolygon;

/**
 * The boundary of every region for maps. Only kelurahan carry one in the reference data; a
 * kecamatan or kota is the union of its kelurahan (polygon-clipping dissolves the shared edges),
 * computed once on first use and kept — the boundaries change only with a new data release.
 */
@Injectable()
export class RegionShapes {
  private readonly logger = new Logger(RegionShapes.name);
  private readonly cache = new Map<string, Shape | null>();

  constructor(private readonly regions: RegionDirectory) {}

  shape(code: string, level: DashboardRegionLevel): Shape | null {
    let shape = this.cache.get(code);
    if (shape === undefined) {
      shape = level === 'kelurahan' ? (this.regions.get(code)?.geometry ?? null) : this.union(code);
      this.cache.set(code, shape);
    }
    return shape;
  }

  private union(code: string): Shape | null {
    const parts = this.regions
      .list('kelurahan')
      .filter((kelurahan) => {
        const { kecamatan, kota } = this.regions.ancestors(kelurahan.code);
        return kecamatan?.code === code || kota?.code === code;
      })
      .map((kelurahan) => kelurahan.geometry)
      .filter((geometry): geometry is Shape => !!geometry)
      .map((geometry) =>
        geometry.type === 'Polygon'
          ? (geometry.coordinates as polygonClipping.Polygon)
          : (geometry.coordinates as polygonClipping.MultiPolygon),
      );
    if (!parts.length) return null;
    try {
      const [first, ...rest] = parts;
      return { type: 'MultiPolygon', coordinates: polygonClipping.union(first, ...rest) };
    } catch (error) {
      // A map still works with the kelurahan side by side; only the inner edges show.
      this.logger.warn(`Could not dissolve ${code}: ${(error as Error).message}`);
      return { type: 'MultiPolygon', coordinates: parts.flatMap((part) => toMulti(part)) };
    }
  }
}

function toMulti(
  part: polygonClipping.Polygon | polygonClipping.MultiPolygon,
): polygonClipping.Polygon[] {
  return typeof part[0][0][0] === 'number'
    ? [part as polygonClipping.Polygon]
    : (part as polygonClipping.MultiPolygon);
}
