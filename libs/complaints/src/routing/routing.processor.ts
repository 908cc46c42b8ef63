import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { addToOutbox } from '../messaging/outbox';
import { DeadLetters } from '../messaging/dead-letters';
import { NOTIFICATIONS_QUEUE, ROUTING_QUEUE } from '../messaging/queues';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';
import { AddressMatcher } from './address-matcher';
import { DuplicateFinder } from './duplicate-finder';

export interface RouteJob {
  complaintId: string;
}

const SYSTEM = { actorSub: 'system', actorRole: 'system', actorUnit: null };

/**
 * Places a new ticket (flows 1 and 2): finds its kelurahan from the point, the office or the
 * address; sends a located JAKI complaint to that kelurahan's office (`disposisi`); leaves
 * everything else in Diskominfo's review queue with a suggested unit and the reason; flags
 * possible duplicates; then queues the reporter's acknowledgement. Runs under a row lock and
 * does nothing for a ticket already routed, so a repeated job changes nothing.
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

  @Process({ name: 'route', concurrency: 8 })
  async route(job: Job<RouteJob>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const complaint = await manager.findOne(Complaint, {
        where: { id: job.data.complaintId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!complaint || complaint.routedAt) return;
      await this.place(manager, complaint);
    });
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    await this.deadLetters.recordIfFinal(ROUTING_QUEUE, job, error);
  }

  private async place(manager: EntityManager, complaint: Complaint): Promise<void> {
    const before = complaint.status;
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

    complaint.possibleDuplicates = await this.duplicates.find(manager, complaint);
    complaint.routedAt = new Date();
    await manager.save(complaint);
    await manager.insert(ComplaintEvent, {
      ...SYSTEM,
      complaintId: complaint.id,
      type:
        complaint.status !== before
          ? 'routed'
          : complaint.status === 'menunggu'
            ? 'held-for-review'
            : 'located',
      fromStatus: before,
      toStatus: complaint.status,
      reason: complaint.status === 'menunggu' ? complaint.reviewReason : null,
      data: {
        ...(complaint.status !== before ? { toUnit: complaint.assignedUnitCode } : {}),
        kelurahan: complaint.kelurahanCode,
        method: complaint.locationMethod,
        suggestedUnit: complaint.suggestedUnitCode,
        possibleDuplicates: complaint.possibleDuplicates.map((entry) => entry.trackingNumber),
      },
    });
    await addToOutbox(manager, {
      queue: NOTIFICATIONS_QUEUE,
      jobName: 'acknowledge',
      jobId: `acknowledge:${complaint.id}`,
      payload: { complaintId: complaint.id },
    });
  }

  private addressMatcher(): AddressMatcher {
    this.addresses ??= new AddressMatcher(
      ['kota', 'kecamatan', 'kelurahan'].flatMap((level) =>
        this.regions.list(level as 'kota' | 'kecamatan' | 'kelurahan'),
      ),
    );
    return this.addresses;
  }
}
