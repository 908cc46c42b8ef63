import { isPointInPolygon } from 'geolib';
import { KelurahanIndex } from '@crm/reference';
import { loadJakartaRegions } from '@crm/reference/seed/jakarta-boundaries';
import { mulberry32, percentile, Report } from './support';

const POINTS = 100_000;
const ROUNDS = 3;
const NAIVE_POINTS = 200; // the naive scan does ~30 lookups/s: a sample is enough for its rate

/**
 * The service's locator against a naive scan of all 267 polygons with geolib.isPointInPolygon,
 * on the same random points in Jakarta's bounding box (seeded, so every run draws the same).
 */
export function benchGeo(report: Report): void {
  const kelurahan = loadJakartaRegions()
    .filter((region) => region.level === 'kelurahan')
    .map((region) => ({ code: region.code, geometry: region.geometry! }));
  const index = new KelurahanIndex(kelurahan);
  const random = mulberry32(20261123);
  const inside: [number, number][] = [];
  const outside: [number, number][] = [];
  while (inside.length < POINTS || outside.length < POINTS) {
    const lat = -6.38 + random() * (6.38 - 5.19);
    const lon = 106.38 + random() * (106.98 - 106.38);
    const bucket = index.containing(lat, lon).length ? inside : outside;
    if (bucket.length < POINTS) bucket.push([lat, lon]);
  }

  for (const [label, points] of [
    ['inside a kelurahan', inside],
    ['outside every kelurahan (nearest search)', outside],
  ] as const) {
    for (const [lat, lon] of points) index.locate(lat, lon); // warm-up
    // Three rounds, so that one noisy moment of a shared machine does not decide the result:
    // percentiles over all timed calls, throughput as the median round without per-call timers.
    const latencies = new Float64Array(points.length * ROUNDS);
    const perSecond: number[] = [];
    const started = process.hrtime.bigint();
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < points.length; i++) {
        const t0 = process.hrtime.bigint();
        index.locate(points[i][0], points[i][1]);
        latencies[round * points.length + i] = Number(process.hrtime.bigint() - t0);
      }
      const bulkStart = process.hrtime.bigint();
      for (const [lat, lon] of points) index.locate(lat, lon);
      perSecond.push((points.length / Number(process.hrtime.bigint() - bulkStart)) * 1e9);
    }
    const timedNs = Number(process.hrtime.bigint() - started);
    report.row('geo', `locator, ${label}`, {
      points: points.length,
      lookupsPerSecond: Math.round(perSecond.sort((a, b) => a - b)[1]),
      p50us: percentile(latencies, 50) / 1000,
      p99us: percentile(latencies, 99) / 1000,
      rounds: ROUNDS,
      totalMs: Math.round(timedNs / 1e6),
    });
  }

  // Agreement with the exact brute force over all 267 polygons on every point.
  let agree = 0;
  const all = [...inside, ...outside];
  for (const [lat, lon] of all) {
    const exact = index
      .bruteForce(lat, lon)
      .filter((entry) => entry.inside)
      .map((entry) => entry.code);
    const placed = index.locate(lat, lon);
    const ok = exact.length
      ? placed?.method === 'contains' && exact.includes(placed.code)
      : placed === null || placed.method === 'nearest';
    if (ok) agree++;
  }
  report.row('geo', 'agreement with the exact brute force', {
    points: all.length,
    agreementPercent: (agree / all.length) * 100,
  });

  // The naive way: every polygon, geolib's point-in-polygon, first hit wins.
  const rings = kelurahan.map(({ code, geometry }) => ({
    code,
    polygons: (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).map(
      (polygon) => polygon[0].map(([longitude, latitude]) => ({ latitude, longitude })),
    ),
  }));
  const sample = all.filter((_, i) => i % Math.floor(all.length / NAIVE_POINTS) === 0);
  const naiveStart = process.hrtime.bigint();
  for (const [latitude, longitude] of sample) {
    rings.find(({ polygons }) =>
      polygons.some((ring) => isPointInPolygon({ latitude, longitude }, ring)),
    );
  }
  const naiveNs = Number(process.hrtime.bigint() - naiveStart);
  const naiveRate = (sample.length / naiveNs) * 1e9;
  report.row('geo', 'naive scan, geolib.isPointInPolygon over 267 polygons', {
    points: sample.length,
    lookupsPerSecond: Math.round(naiveRate),
  });
}
