import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { DeadLetters } from '../messaging/dead-letters';
import { NOTIFICATIONS_QUEUE, ROUTING_QUEUE, SLA_QUEUE } from '../messaging/queues';
import { OutboxSignal } from '../messaging/outbox-signal';
import { SlaPolicy } from '../sla/sla-policy';
import { Complaint } from '../tickets/complaint.entity';
import { AddressMatcher } from './address-matcher';
import { DuplicateFinder } from './duplicate-finder';

/** The category of complaints about officials' conduct: the Inspektorat's, never a kelurahan's. */
export const CONDUCT_OF_OFFICIALS = 'perilaku-aparatur';

export interface RouteJob {
  complaintId: string;
}

/** Acknowledgement to the reporter, in Indonesian as the channels send it. */
const ACKNOWLEDGEMENT =
  "'Pengaduan Anda telah diterima dengan nomor ' || tracking_number || '. Pantau statusnya dengan nomor tersebut.'";

/**
 * Records the placement, its history event, the reporter's acknowledgement, the assigned unit's
 * notice and the first SLA check in one statement. It only applies to the version that was read
 * and only once (`routed_at IS NULL`): a repeated job, or one racing a person's change, writes
 * nothing.
 */
const ROUTE_SQL = `
WITH routed AS (
  UPDATE complaints
     SET status = $2, assigned_unit_code = $3, kelurahan_code = $4, location_method = $5,
         location_distance_meters = $6, location_alternatives = $7, suggested_unit_code = $8,
         review_reason = $9, possible_duplicates = $10, sla_clock = $16, due_at = $17,
         resolution_due_at = $18, assigned_at = COALESCE(assigned_at, $19),
         routed_at = now(), updated_at = now(), version = version + 1
   WHERE id = $1 AND routed_at IS NULL AND version = $11
  RETURNING id, channel_code, tracking_number, version
), history AS (
  INSERT INTO complaint_events
    (complaint_id, type, actor_sub, actor_role, actor_unit, from_status, to_status, reason, data)
  SELECT id, $12, 'system', 'system', NULL, $13, $2, $14, $15 FROM routed
  RETURNING id, complaint_id
), acknowledgement AS (
  INSERT INTO notifications (complaint_id, kind, dedupe_key, channel_code, message)
  SELECT id, 'acknowledgement', 'acknowledgement:' || id, channel_code, ${ACKNOWLEDGEMENT}
    FROM routed
  ON CONFLICT DO NOTHING
), notice AS (
  INSERT INTO notifications (complaint_id, kind, dedupe_key, recipient_unit_code, message)
  SELECT r.id, 'assignment', 'event:' || h.id || ':' || $3, $3,
         'Pengaduan ' || r.tracking_number || ' didisposisikan kepada unit Anda.'
    FROM routed r JOIN history h ON h.complaint_id = r.id
   WHERE $2 = 'disposisi' AND $3::varchar IS NOT NULL AND ($12 = 'routed' OR $11 = 1)
  ON CONFLICT DO NOTHING
  RETURNING id
), jobs AS (
  INSERT INTO outbox_messages (queue, job_name, job_id, payload, not_before)
  SELECT '${NOTIFICATIONS_QUEUE}', 'deliver', 'notify:' || id,
         jsonb_build_object('notificationId', id::text), NULL FROM notice
  UNION ALL
  SELECT '${SLA_QUEUE}', 'check', 'sla:' || id || ':' || version,
         jsonb_build_object('complaintId', id, 'version', version), $17 FROM routed
   WHERE $17::timestamptz IS NOT NULL
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
    private readonly sla: SlaPolicy,
    private readonly outbox: OutboxSignal,
  ) {}

  @Process({ name: 'route', concurrency: 16 })
  async route(job: Job<RouteJob>): Promise<void> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, {
      id: job.data.complaintId,
    });
    if (!complaint || complaint.routedAt) return;
    const before = { status: complaint.status, version: complaint.version };
    await this.place(complaint);
    const now = new Date();
    // A person who acted before this job ran (version > 1) has already started the clocks.
    const clocks =
      before.version === 1 ? await this.sla.clocksAfter(complaint, before.status, now) : complaint;
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
      clocks.slaClock,
      clocks.dueAt,
      clocks.resolutionDueAt,
      complaint.status === 'disposisi' ? now : null,
    ]);
    if (written.length > 0) {
      this.outbox.wake(SLA_QUEUE);
      this.outbox.wake(NOTIFICATIONS_QUEUE);
    }
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
    // A complaint about officials must never land at the office it may be about, with the
    // reporter's name and phone: it waits for Diskominfo, which forwards it to the Inspektorat.
    const aboutOfficials = complaint.categoryCode === CONDUCT_OF_OFFICIALS;
    if (aboutOfficials && complaint.status === 'menunggu') {
      reviewReason =
        'A complaint about officials’ conduct: forward it to the Inspektorat, never to the office concerned';
    }
    if (
      complaint.status === 'menunggu' &&
      complaint.channelCode === 'jaki' &&
      geoTagged &&
      !aboutOfficials
    ) {
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
