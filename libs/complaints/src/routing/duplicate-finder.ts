import { Injectable } from '@nestjs/common';
import { getBoundsOfDistance, getDistance } from 'geolib';
import { EntityManager } from 'typeorm';
import { Complaint, PossibleDuplicate } from '../tickets/complaint.entity';

const RADIUS_METERS = 250;
const WINDOW_DAYS = 30;
const LIMIT = 5;
/** Nearby candidates read per ticket: the box's corners lie outside the circle, so read spare. */
const NEARBY_CANDIDATES = 4 * LIMIT;

/**
 * Candidates in one round trip: the newest of the same category in the box around the point, and
 * the newest of the same category from the same reporter (NIK or phone hash). Each branch is
 * bounded and served by its own index (see the complaint entity), so the cost does not grow with
 * the number of tickets or with one reporter's many complaints.
 */
const CANDIDATES_SQL = `
WITH recent AS NOT MATERIALIZED (
  SELECT id, tracking_number, lat, lon, created_at, reporter_nik_hash, reporter_phone_hash
    FROM complaints
   WHERE category_code = $1 AND created_at >= $2 AND created_at <= $3 AND id <> $4
     AND status <> 'ditolak'
)
(SELECT 'nearby-same-category' AS reason, id, tracking_number, lat, lon FROM recent
  WHERE $5::float8 IS NOT NULL AND lat BETWEEN $5 AND $6 AND lon BETWEEN $7 AND $8
  ORDER BY created_at DESC LIMIT ${NEARBY_CANDIDATES})
UNION ALL
(SELECT 'same-reporter-same-category', id, tracking_number, lat, lon FROM recent
  WHERE reporter_nik_hash = $9 ORDER BY created_at DESC LIMIT ${LIMIT})
UNION ALL
(SELECT 'same-reporter-same-category', id, tracking_number, lat, lon FROM recent
  WHERE reporter_phone_hash = $10 ORDER BY created_at DESC LIMIT ${LIMIT})`;

interface Candidate {
  reason: PossibleDuplicate['reason'];
  id: string;
  tracking_number: string;
  lat: number | null;
  lon: number | null;
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
    const [southWest, northEast] = point ? getBoundsOfDistance(point, RADIUS_METERS) : [];
    const candidates: Candidate[] = await manager.query(CANDIDATES_SQL, [
      complaint.categoryCode,
      since,
      complaint.createdAt,
      complaint.id,
      southWest?.latitude ?? null,
      northEast?.latitude ?? null,
      southWest?.longitude ?? null,
      northEast?.longitude ?? null,
      complaint.reporterNikHash,
      complaint.reporterPhoneHash,
    ]);

    const found = new Map<string, PossibleDuplicate>();
    for (const candidate of candidates) {
      if (found.has(candidate.id)) continue;
      const near =
        candidate.reason !== 'nearby-same-category' ||
        getDistance(point!, { latitude: candidate.lat!, longitude: candidate.lon! }) <=
          RADIUS_METERS;
      if (near) {
        found.set(candidate.id, {
          id: candidate.id,
          trackingNumber: candidate.tracking_number,
          reason: candidate.reason,
        });
      }
    }
    return [...found.values()].slice(0, LIMIT);
  }
}
