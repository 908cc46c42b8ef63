import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { RegionLevel } from '../regions/region.entity';

/** A region row as it is seeded: codes and names from wilayah.csv, boundaries from the GeoJSON. */
export interface RegionSeed {
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
  geometry: Polygon | MultiPolygon | null;
}

const CSV_LEVELS: Record<string, RegionLevel> = {
  provinsi: 'provinsi',
  kabupaten_kota: 'kota',
  kecamatan: 'kecamatan',
  kelurahan: 'kelurahan',
};

/** The folder with the boundary data shipped with the service (see data/jakarta/README.md). */
export function jakartaDataDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'jakarta');
    if (existsSync(path.join(candidate, 'wilayah.csv'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('data/jakarta/wilayah.csv not found');
  }
}

/** The parent of a Kemendagri code is its prefix: 31.71.01.1001 → 31.71.01 → 31.71 → 31. */
export function parentCode(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? null : code.slice(0, cut);
}

/** Reads and cross-checks the two files; any inconsistency stops the seed. */
export function loadJakartaRegions(dir = jakartaDataDir()): RegionSeed[] {
  const lines = readFileSync(path.join(dir, 'wilayah.csv'), 'utf8').trim().split(/\r?\n/);
  if (lines[0] !== 'code,name,level') throw new Error(`wilayah.csv: unexpected header ${lines[0]}`);
  const regions = lines.slice(1).map((line, index): RegionSeed => {
    const fields = line.split(',');
    const level = CSV_LEVELS[fields[2]];
    if (fields.length !== 3 || !level) {
      throw new Error(`wilayah.csv line ${index + 2}: expected code,name,level`);
    }
    return {
      code: fields[0],
      name: fields[1],
      level,
      parentCode: parentCode(fields[0]),
      geometry: null,
    };
  });

  const collection = JSON.parse(
    readFileSync(path.join(dir, 'kelurahan.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { code: string; kelurahan: string }>;
  const byCode = new Map(regions.map((region) => [region.code, region]));
  for (const feature of collection.features) {
    const region = byCode.get(feature.properties.code);
    if (!region || region.level !== 'kelurahan' || region.name !== feature.properties.kelurahan) {
      throw new Error(`kelurahan.geojson: ${feature.properties.code} does not match wilayah.csv`);
    }
    region.geometry = feature.geometry;
  }
  const withoutBoundary = regions.filter((r) => r.level === 'kelurahan' && !r.geometry);
  if (withoutBoundary.length) {
    throw new Error(`No boundary for ${withoutBoundary.map((r) => r.code).join(', ')}`);
  }
  return regions;
}
