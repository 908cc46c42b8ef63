import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { DeadLetters } from '../messaging/dead-letters';
import { ROUTING_QUEUE } from '../messaging/queues';
import { Complaint } from '../tickets/complaint.entity';
import { AddressMatcher } from './address-matcher';
import { DuplicateFinder } from './duplicate-finder';

export interface RouteJob {
  complaintId: string;
}

/** Acknowledgement to the reporter, in Indonesian as the channels send it. */
const ACKNOWLEDGEMENT =
  "'Pengaduan Anda telah diterima dengan nomor ' || tracking_number || '. Pantau statusnya dengan nomor tersebut.'";

/**
 * Records the placement, its history event and the reporter's acknowledgement in one statement.
 * It only applies to the version that was read and only once (`routed_at IS NULL`): a repeated
 * job, or one racing a person's change, writes nothing.
 */
const ROUTE_SQL = `
WITH routed AS (
  UPDATE complaints
     SET status = $2, assigned_unit_code = $3, kelurahan_code = $4, location_method = $5,
         location_distance_meters = $6, location_alternatives = $7, suggested_unit_code = $8,
         review_reason = $9, possible_duplicates = $10, routed_at = now(), updated_at = now(),
         version = version + 1
   WHERE id = $1 AND routed_at IS NULL AND version = $11
  RETURNING id, channel_code, tracking_number
), history AS (
  INSERT INTO complaint_events
    (complaint_id, type, actor_sub, actor_role, actor_unit, from_status, to_status, reason, data)
  SELECT id, $12, 'system', 'system', NULL, $13, $2, $14, $15 FROM routed
), acknowledgement AS (
  INSERT INTO notifications (complaint_id, kind, channel_code, message)
  SELECT id, 'acknowledgement', channel_code, ${ACKNOWLEDGEMENT} FROM routed
  ON CONFLICT DO NOTHING
)
SELECT id FROM routed`;

/**
 * Places a new ticket (flows 1 and 2): finds its kelurahan from the point, the office or the
 * address; sends a located JAKI complaint to that kelurahan's office (`disposisi`); leaves
 * everything else in Diskominfo's review queue with a suggested unit and the reason; flags
 * possible duplicates; and writes the reporter's acknowledgement for the channel's gateway.
 */
@Processor(ROUTING_QUEUE)
@Injectable()
export class RoutingProcessor {
  private addresses?: AddressMatcher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly reference: ReferenceCache,
    private readonly duplicates: DuplicateFinder,
    private readonly deadLetters: DeadLetters,
  ) {}

  @Process({ name: 'route', concurrency: 16 })
  async route(job: Job<RouteJob>): Promise<void> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, {
      id: job.data.complaintId,
    });
    if (!complaint || complaint.routedAt) return;
    const before = { status: complaint.status, version: complaint.version };
    await this.place(complaint);
    const type =
      complaint.status !== before.status
        ? 'routed'
        : complaint.status === 'menunggu'
          ? 'held-for-review'
          : 'located';
    const written: unknown[] = await this.dataSource.query(ROUTE_SQL, [
      complaint.id,
      complaint.status,
      complaint.assignedUnitCode,
      complaint.kelurahanCode,
      complaint.locationMethod,
      complaint.locationDistanceMeters,
      JSON.stringify(complaint.locationAlternatives),
      complaint.suggestedUnitCode,
      complaint.reviewReason,
      JSON.stringify(complaint.possibleDuplicates),
      before.version,
      type,
      before.status,
      complaint.status === 'menunggu' ? complaint.reviewReason : null,
      JSON.stringify({
        ...(type === 'routed' ? { toUnit: complaint.assignedUnitCode } : {}),
        kelurahan: complaint.kelurahanCode,
        method: complaint.locationMethod,
        suggestedUnit: complaint.suggestedUnitCode,
        possibleDuplicates: complaint.possibleDuplicates.map((entry) => entry.trackingNumber),
      }),
    ]);
    if (written.length === 0) {
      // Someone changed the ticket since it was read: if it is routed, the work is done;
      // otherwise fail so that Bull retries on the new version.
      const now = await this.dataSource.manager.findOneBy(Complaint, { id: complaint.id });
      if (now && !now.routedAt) throw new Error(`Ticket ${complaint.id} changed while routing`);
    }
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    await this.deadLetters.recordIfFinal(ROUTING_QUEUE, job, error);
  }

  /** Decides the placement on the entity in memory; `route` writes it. */
  private async place(complaint: Complaint): Promise<void> {
    let reviewReason: string | null = null;

    if (!complaint.kelurahanCode && complaint.lat !== null && complaint.lon !== null) {
      const place = this.regions.locate(complaint.lat, complaint.lon);
      if (place) {
        complaint.kelurahanCode = place.kelurahan.code;
        complaint.locationMethod = place.method;
        complaint.locationDistanceMeters = place.distanceMeters;
        complaint.locationAlternatives = place.alsoContainedBy;
      } else {
        reviewReason =
          complaint.lat === 0 && complaint.lon === 0
            ? 'The point is (0, 0): the device sent no position'
            : 'The point lies in no kelurahan of DKI Jakarta and none is within tolerance (outside Jakarta or at sea)';
      }
    } else if (!complaint.kelurahanCode && complaint.address) {
      const match = this.addressMatcher().match(complaint.address);
      if (match.kelurahanCode) {
        complaint.kelurahanCode = match.kelurahanCode;
        complaint.locationMethod = 'address';
      } else {
        reviewReason = `No kelurahan from the address: ${match.reason}`;
      }
    }

    const geoTagged =
      complaint.locationMethod === 'contains' || complaint.locationMethod === 'nearest';
    if (complaint.status === 'menunggu' && complaint.channelCode === 'jaki' && geoTagged) {
      // Flow 1: a geo-tagged complaint goes straight onto the kelurahan's account.
      complaint.status = 'disposisi';
      complaint.assignedUnitCode = complaint.kelurahanCode;
    } else if (complaint.status === 'menunggu') {
      const category = complaint.categoryCode
        ? await this.reference.category(complaint.categoryCode)
        : undefined;
      complaint.suggestedUnitCode = category?.defaultUnitCode ?? complaint.kelurahanCode;
      complaint.reviewReason =
        reviewReason ??
        (complaint.channelCode === 'jaki'
          ? 'Awaiting review'
          : 'Entered without a unit: awaiting Diskominfo review and forwarding');
    }
    complaint.possibleDuplicates = await this.duplicates.find(this.dataSource.manager, complaint);
  }

  private addressMatcher(): AddressMatcher {
    this.addresses ??= new AddressMatcher(
      (['kota', 'kecamatan', 'kelurahan'] as const).flatMap((level) => this.regions.list(level)),
    );
    return this.addresses;
  }
}
