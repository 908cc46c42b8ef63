import { Injectable } from '@nestjs/common';
import { getBoundsOfDistance, getDistance } from 'geolib';
import { EntityManager } from 'typeorm';
import { Complaint, PossibleDuplicate } from '../tickets/complaint.entity';

const RADIUS_METERS = 250;
const WINDOW_DAYS = 30;
const LIMIT = 5;

/**
 * Possible duplicates for Diskominfo's review (never merged automatically): the same category
 * within 250 m, or the same reporter (NIK or phone) with the same category, in the last 30 days.
 */
@Injectable()
export class DuplicateFinder {
  async find(manager: EntityManager, complaint: Complaint): Promise<PossibleDuplicate[]> {
    if (!complaint.categoryCode) return [];
    const since = new Date(complaint.createdAt.getTime() - WINDOW_DAYS * 86_400_000);
    const found: PossibleDuplicate[] = [];

    if (complaint.lat !== null && complaint.lon !== null) {
      const point = { latitude: complaint.lat, longitude: complaint.lon };
      const [southWest, northEast] = getBoundsOfDistance(point, RADIUS_METERS);
      const nearby = await this.recent(manager, complaint, since)
        .andWhere('c.lat BETWEEN :south AND :north', {
          south: southWest.latitude,
          north: northEast.latitude,
        })
        .andWhere('c.lon BETWEEN :west AND :east', {
          west: southWest.longitude,
          east: northEast.longitude,
        })
        .getMany();
      for (const other of nearby) {
        if (getDistance(point, { latitude: other.lat!, longitude: other.lon! }) <= RADIUS_METERS) {
          found.push({
            id: other.id,
            trackingNumber: other.trackingNumber,
            reason: 'nearby-same-category',
          });
        }
      }
    }

    const hashes = [complaint.reporterNikHash, complaint.reporterPhoneHash].filter(Boolean);
    if (hashes.length) {
      const sameReporter = await this.recent(manager, complaint, since)
        .andWhere(
          '(c.reporter_nik_hash IN (:...hashes) OR c.reporter_phone_hash IN (:...hashes))',
          {
            hashes,
          },
        )
        .getMany();
      for (const other of sameReporter) {
        if (!found.some((entry) => entry.id === other.id)) {
          found.push({
            id: other.id,
            trackingNumber: other.trackingNumber,
            reason: 'same-reporter-same-category',
          });
        }
      }
    }
    return found.slice(0, LIMIT);
  }

  private recent(manager: EntityManager, complaint: Complaint, since: Date) {
    return manager
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .select(['c.id', 'c.trackingNumber', 'c.lat', 'c.lon'])
      .where('c.category_code = :category', { category: complaint.categoryCode })
      .andWhere('c.created_at >= :since AND c.created_at <= :until', {
        since,
        until: complaint.createdAt,
      })
      .andWhere('c.id <> :id', { id: complaint.id })
      .andWhere("c.status <> 'ditolak'")
      .orderBy('c.created_at', 'DESC')
      .limit(LIMIT);
  }
}
