import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { RegionDirectory } from '@crm/reference';
import { OVERDUE, TicketFacts } from '../facts/ticket-facts';
import type { DashboardRegionLevel } from '../dashboard-query.dto';
import { RegionShapes } from './region-shapes';
import { CLOSED_STATUSES } from './summary';

export interface RegionFigures {
  code: string;
  name: string;
  level: DashboardRegionLevel;
  kecamatan: { code: string; name: string } | null;
  kota: { code: string; name: string } | null;
  total: number;
  open: number;
  overdue: number;
}

/**
 * Counts per region of one level, every region listed (zeros included). Tickets without a
 * kelurahan (outside Jakarta, agency-only, Inspektorat) are in `unplaced`.
 */
export function regionFigures(
  facts: TicketFacts,
  regions: RegionDirectory,
  selection: Uint32Array,
  level: DashboardRegionLevel,
  now: number,
): { data: RegionFigures[]; unplaced: number } {
  const total = new Uint32Array(facts.kelurahan.size);
  const open = new Uint32Array(facts.kelurahan.size);
  const overdue = new Uint32Array(facts.kelurahan.size);
  const isOpen = facts.statuses.codes.map((code) => !!code && !CLOSED_STATUSES.includes(code));
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s];
    const k = facts.kelurahanNo[i];
    total[k]++;
    if (!isOpen[facts.status[i]]) continue;
    open[k]++;
    if (facts.flags[i] & OVERDUE || (facts.due[i] && facts.due[i] < now)) overdue[k]++;
  }
  const byCode = new Map<string, RegionFigures>();
  const ref = (code?: string) => {
    const region = code ? regions.get(code) : undefined;
    return region ? { code: region.code, name: region.name } : null;
  };
  for (const region of regions.list(level).sort((a, b) => a.code.localeCompare(b.code))) {
    const { kecamatan, kota } = regions.ancestors(region.code);
    byCode.set(region.code, {
      code: region.code,
      name: region.name,
      level,
      kecamatan: level === 'kelurahan' ? ref(kecamatan?.code) : null,
      kota: level === 'kota' ? null : ref(kota?.code),
      total: 0,
      open: 0,
      overdue: 0,
    });
  }
  for (let k = 1; k < facts.kelurahan.size; k++) {
    if (!total[k]) continue;
    const code =
      level === 'kelurahan'
        ? facts.kelurahan.codes[k]
        : level === 'kecamatan'
          ? facts.kecamatan.codes[facts.kecamatanOf[k]]
          : facts.kota.codes[facts.kotaOf[k]];
    const figures = byCode.get(code);
    if (!figures) continue;
    figures.total += total[k];
    figures.open += open[k];
    figures.overdue += overdue[k];
  }
  return { data: [...byCode.values()], unplaced: total[0] };
}

/** The same figures as a GeoJSON FeatureCollection (RFC 7946) for a choropleth map. */
export function regionFeatures(
  figures: RegionFigures[],
  shapes: RegionShapes,
): FeatureCollection<Polygon | MultiPolygon | null, RegionFigures> {
  return {
    type: 'FeatureCollection',
    features: figures.map((region): Feature<Polygon | MultiPolygon | null, RegionFigures> => ({
      type: 'Feature',
      id: region.code,
      geometry: shapes.shape(region.code, region.level),
      properties: region,
    })),
  };
}
