/* Draws a choropleth map (SVG) of complaints per kelurahan from the dashboard's GeoJSON.
 * Usage:
 *   npm run map -- --url http://localhost:3000 --token $TOKEN [--query "from=2026-01-01"] --out map.svg
 *   npm run map -- --file regions.geojson --out map.svg
 * The GeoJSON is GET /api/v1/dashboard/regions?level=kelurahan&format=geojson. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

interface Properties {
  code: string;
  name: string;
  total: number;
  open: number;
  overdue: number;
}
type Regions = FeatureCollection<Polygon | MultiPolygon | null, Properties> & { asOf?: string };

/** ColorBrewer's 7-class YlOrRd (sequential, print- and colour-blind-friendly). */
const PALETTE = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];
const WIDTH = 900;
const HEIGHT = 760;
const MARGIN = 20;
/** Kepulauan Seribu lies far out at sea: it gets its own inset instead of stretching the map. */
const ISLANDS = '31.01';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      token: { type: 'string', default: process.env.TOKEN },
      query: { type: 'string', default: '' },
      file: { type: 'string' },
      out: { type: 'string', default: 'complaints-per-kelurahan.svg' },
      title: { type: 'string', default: 'Pengaduan per kelurahan' },
    },
  });
  let regions: Regions;
  if (values.file) {
    regions = JSON.parse(readFileSync(values.file, 'utf8')) as Regions;
  } else if (values.url && values.token) {
    const query = ['level=kelurahan', 'format=geojson', values.query].filter(Boolean).join('&');
    const res = await fetch(`${values.url}/api/v1/dashboard/regions?${query}`, {
      headers: { authorization: `Bearer ${values.token}` },
    });
    if (!res.ok) throw new Error(`The service answered ${res.status}: ${await res.text()}`);
    regions = (await res.json()) as Regions;
  } else {
    throw new Error('Give --file, or --url and --token (or TOKEN in the environment)');
  }
  writeFileSync(values.out, drawMap(regions, values.title));
  process.stdout.write(`Wrote ${values.out} (${regions.features.length} kelurahan)\n`);
}

export function drawMap(regions: Regions, title: string): string {
  const features = regions.features.filter((f) => f.geometry);
  const mainland = features.filter((f) => !f.properties.code.startsWith(ISLANDS));
  const islands = features.filter((f) => f.properties.code.startsWith(ISLANDS));
  const breaks = classBreaks(features.map((f) => f.properties.total));
  const colour = (total: number) => PALETTE[breaks.filter((b) => total > b).length];

  const main = projection(mainland, [290, 80, WIDTH - MARGIN, HEIGHT - MARGIN]);
  const inset = projection(islands, [MARGIN + 10, 100, 260, 400]);
  const shape = (f: Feature<Polygon | MultiPolygon | null, Properties>, project: Project) => {
    const p = f.properties;
    const label = `${p.name} (${p.code}): ${p.total} pengaduan, ${p.open} terbuka, ${p.overdue} lewat tenggat`;
    return `<path d="${pathOf(f.geometry!, project)}" fill="${colour(p.total)}"><title>${escape(label)}</title></path>`;
  };
  const legend = PALETTE.map((fill, n) => {
    const low = n === 0 ? 0 : breaks[n - 1] + 1;
    const high = n >= breaks.length ? '+' : breaks[n] > low ? `–${breaks[n]}` : '';
    const y = 470 + n * 22;
    return `<rect x="${MARGIN}" y="${y}" width="18" height="18" fill="${fill}" stroke="#555" stroke-width="0.5"/><text x="${MARGIN + 26}" y="${y + 14}">${low}${high}</text>`;
  }).join('');
  const subtitle = regions.asOf
    ? `data per ${regions.asOf.slice(0, 16).replace('T', ' ')} UTC`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="13">
<rect width="${WIDTH}" height="${HEIGHT}" fill="#f4f7fa"/>
<text x="${MARGIN}" y="34" font-size="22" font-weight="bold">${escape(title)}</text>
<text x="${MARGIN}" y="56" fill="#555">${escape(subtitle)}</text>
<g stroke="#ffffff" stroke-width="0.4">${mainland.map((f) => shape(f, main)).join('')}</g>
<rect x="${MARGIN}" y="80" width="250" height="330" fill="none" stroke="#999" stroke-dasharray="4 3"/>
<text x="${MARGIN + 8}" y="96" fill="#555">Kepulauan Seribu</text>
<g stroke="#777" stroke-width="0.4">${islands.map((f) => shape(f, inset)).join('')}</g>
<text x="${MARGIN}" y="456" font-weight="bold">Pengaduan</text>
${legend}
</svg>
`;
}

/** Upper bounds of the first six classes: quantiles of the non-zero counts (zero is class 1). */
function classBreaks(totals: number[]): number[] {
  const sorted = totals.filter((t) => t > 0).sort((a, b) => a - b);
  if (!sorted.length) return [0, 0, 0, 0, 0, 0];
  const breaks = [0];
  for (let n = 1; n < PALETTE.length - 1; n++) {
    breaks.push(
      sorted[Math.min(sorted.length - 1, Math.floor((n / (PALETTE.length - 1)) * sorted.length))],
    );
  }
  return breaks.map((b, n) => Math.max(b, n ? breaks[n - 1] + 1 : 0));
}

type Project = (position: Position) => [number, number];

/** Equirectangular, scaled by the cosine of the middle latitude: true shapes at a city's size. */
function projection(
  features: Feature<Polygon | MultiPolygon | null, Properties>[],
  [x0, y0, x1, y1]: number[],
): Project {
  const positions = features.flatMap((f) => rings(f.geometry!).flat());
  if (!positions.length) return () => [x0, y0];
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const [west, east, south, north] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const k = Math.cos((((north + south) / 2) * Math.PI) / 180);
  const scale = Math.min((x1 - x0) / ((east - west) * k), (y1 - y0) / (north - south));
  const offsetX = x0 + (x1 - x0 - (east - west) * k * scale) / 2;
  return ([lon, lat]) => [offsetX + (lon - west) * k * scale, y0 + (north - lat) * scale];
}

function rings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function pathOf(geometry: Polygon | MultiPolygon, project: Project): string {
  return rings(geometry)
    .map(
      (ring) =>
        'M' +
        ring
          .map((position) =>
            project(position)
              .map((v) => v.toFixed(1))
              .join(','),
          )
          .join('L') +
        'Z',
    )
    .join('');
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
