import { Injectable } from '@nestjs/common';
import { getBoundsOfDistance } from 'geolib';
import { EntityManager } from 'typeorm';
import { Complaint, PossibleDuplicate, RESTRICTED_CHANNEL } from '@crm/tickets';

const RADIUS_METERS = 250;
/** geolib's (WGS84 equatorial), so that the box of cells and the distance agree. */
const EARTH_RADIUS_M = 6378137;
const WINDOW_DAYS = 30;
const LIMIT = 5;
/** Grid cells per degree; must match the expression of the ix_complaints_duplicate_cell index. */
const CELLS_PER_DEGREE = 200;
/** Newest candidates read per cell; the cells' corners lie outside the circle, so read spare. */
const PER_CELL = 4 * LIMIT;

/**
 * Candidates in one round trip: the newest of the same category in each grid cell that the
 * circle touches, kept when within the circle (a routed ticket's costliest statement: filtering
 * here rather than in the worker sends a fifth of the rows), and the newest of the same category
 * from the same reporter (NIK or phone hash).
 * Every branch is a bounded scan of its own index (see the complaint entity), so the cost does not
 * grow with the number of tickets, with a hotspot of reports, or with one reporter's many reports.
 */
const CANDIDATES_SQL = `
WITH recent AS NOT MATERIALIZED (
  SELECT id, tracking_number, lat, lon, created_at, reporter_nik_hash, reporter_phone_hash
    FROM complaints
   WHERE category_code = $1 AND created_at >= $2 AND created_at <= $3 AND id <> $4
     AND status <> 'ditolak'
     -- Inspektorat complaints are compared only with each other: naming one on another ticket
     -- would tell its readers that the reporter went to the Inspektorat.
     AND (channel_code = '${RESTRICTED_CHANNEL}') = $9
)
SELECT nearby.* FROM unnest($5::int[], $6::int[]) AS cell(y, x) CROSS JOIN LATERAL (
  SELECT newest.reason, newest.id, newest.tracking_number FROM (
    SELECT 'nearby-same-category' AS reason, id, tracking_number, lat, lon FROM recent
     WHERE floor(lat * ${CELLS_PER_DEGREE})::int = cell.y AND floor(lon * ${CELLS_PER_DEGREE})::int = cell.x
     ORDER BY created_at DESC LIMIT ${PER_CELL}) AS newest
   -- Within the radius, by the equirectangular distance: exact to well under a metre at 250 m.
   WHERE ${EARTH_RADIUS_M} * sqrt(power(radians(newest.lat - $10::float8), 2)
         + power(radians(newest.lon - $11::float8) * cos(radians($10::float8)), 2)) <= ${RADIUS_METERS}
   LIMIT ${LIMIT}) AS nearby
UNION ALL
(SELECT 'same-reporter-same-category', id, tracking_number FROM recent
  WHERE reporter_nik_hash = $7 ORDER BY created_at DESC LIMIT ${LIMIT})
UNION ALL
(SELECT 'same-reporter-same-category', id, tracking_number FROM recent
  WHERE reporter_phone_hash = $8 ORDER BY created_at DESC LIMIT ${LIMIT})`;

/** The grid cells that the box around a point overlaps (at most 2 × 2: a cell exceeds the box). */
function cellsAround(point: { latitude: number; longitude: number }): [number[], number[]] {
  const [southWest, northEast] = getBoundsOfDistance(point, RADIUS_METERS);
  const ys: number[] = [];
  const xs: number[] = [];
  const cell = (degrees: number) => Math.floor(degrees * CELLS_PER_DEGREE);
  for (let y = cell(southWest.latitude); y <= cell(northEast.latitude); y++) {
    for (let x = cell(southWest.longitude); x <= cell(northEast.longitude); x++) {
      ys.push(y);
      xs.push(x);
    }
  }
  return [ys, xs];
}

interface Candidate {
  reason: PossibleDuplicate['reason'];
  id: string;
  tracking_number: string;
}

/**
 * Possible duplicates for Diskominfo's review (never merged automatically): the same category
 * within 250 m, or the same reporter (NIK or phone) with the same category, in the last 30 days.
 */
@Injectable()
export class DuplicateFinder {
  async find(manager: EntityManager, complaint: Complaint): Promise<PossibleDuplicate[]> {
    if (!complaint.categoryCode) return [];
    const since = new Date(complaint.createdAt.getTime() - WINDOW_DAYS * 86_400_000);
    const point =
      complaint.lat !== null && complaint.lon !== null
        ? { latitude: complaint.lat, longitude: complaint.lon }
        : null;
    const [cellYs, cellXs] = point ? cellsAround(point) : [[], []];
    const candidates: Candidate[] = await manager.query(CANDIDATES_SQL, [
      complaint.categoryCode,
      since,
      complaint.createdAt,
      complaint.id,
      cellYs,
      cellXs,
      complaint.reporterNikHash,
      complaint.reporterPhoneHash,
      complaint.channelCode === RESTRICTED_CHANNEL,
      point?.latitude ?? null,
      point?.longitude ?? null,
    ]);

    const found = new Map<string, PossibleDuplicate>();
    for (const candidate of candidates) {
      if (found.has(candidate.id)) continue;
      found.set(candidate.id, {
        id: candidate.id,
        trackingNumber: candidate.tracking_number,
        reason: candidate.reason,
      });
    }
    return [...found.values()].slice(0, LIMIT);
  }
}
