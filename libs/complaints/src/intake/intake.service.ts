import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError, PiiCipher, Principal } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';
import { LocationMethod } from '../tickets/complaint-status';
import { newTrackingNumber } from '../tickets/tracking-number';
import { addToOutbox } from '../messaging/outbox';
import { ROUTING_QUEUE } from '../messaging/queues';
import { CHANNEL_FIELDS, checkChannelDetails } from './channel-details';
import { JakiComplaintDto, OperatorComplaintDto } from './intake.dto';

/** The submitter as the ticket records it. */
export type Submitter = Pick<Principal, 'sub' | 'role' | 'unit'>;

export const JAKI_SUBMITTER: Submitter = { sub: 'jaki', role: 'operator', unit: 'diskominfo' };

export interface IntakeOutcome {
  complaint: Complaint;
  /** false when an earlier identical request already created it */
  created: boolean;
}

type IntakeRequest = (JakiComplaintDto & { channel: 'jaki' }) | OperatorComplaintDto;

/**
 * Turns a validated request from any channel into a stored ticket, its first history event and
 * its routing job, in one transaction. Idempotency rests on the unique indexes of `complaints`:
 * the insert is ON CONFLICT DO NOTHING, and a conflicting request is answered from the row that
 * won — whether it committed long ago or a moment ago in a concurrent request.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
    private readonly pii: PiiCipher,
  ) {}

  async submit(
    request: IntakeRequest,
    submitter: Submitter,
    idempotencyKey: string | null,
  ): Promise<IntakeOutcome> {
    const row = await this.toRow(request, submitter, idempotencyKey);
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = await this.insert({ ...row, trackingNumber: newTrackingNumber() }, submitter);
      if (id) {
        return {
          complaint: await this.dataSource.manager.findOneByOrFail(Complaint, { id }),
          created: true,
        };
      }
      const existing = await this.findEarlier(row);
      if (existing) {
        if (existing.requestHash !== row.requestHash) {
          throw new ApiError(
            HttpStatus.CONFLICT,
            'IDEMPOTENCY_CONFLICT',
            idempotencyKey && existing.idempotencyKey === idempotencyKey
              ? 'This Idempotency-Key was already used with a different request'
              : `Complaint ${row.externalId} of channel ${row.channelCode} was already received with different content`,
            [{ field: 'trackingNumber', problem: existing.trackingNumber }],
          );
        }
        return { complaint: existing, created: false };
      }
      // Neither key matched: the random tracking number collided. Draw another.
    }
    throw new Error('Could not allocate a unique tracking number');
  }

  private async insert(row: Partial<Complaint>, submitter: Submitter): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Complaint)
        .values(row)
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (!id) return null;
      const actor = {
        complaintId: id,
        actorSub: submitter.sub,
        actorRole: submitter.role,
        actorUnit: submitter.unit ?? null,
      };
      await manager.insert(ComplaintEvent, {
        ...actor,
        type: 'received',
        fromStatus: null,
        toStatus: 'menunggu',
        data: { channel: row.channelCode },
      });
      if (row.status === 'disposisi') {
        await manager.insert(ComplaintEvent, {
          ...actor,
          type: 'assigned',
          fromStatus: 'menunggu',
          toStatus: 'disposisi',
          data: { toUnit: row.assignedUnitCode ?? null },
        });
      }
      await addToOutbox(manager, {
        queue: ROUTING_QUEUE,
        jobName: 'route',
        jobId: `route:${id}`,
        payload: { complaintId: id },
      });
      return id;
    });
  }

  private findEarlier(row: Partial<Complaint>): Promise<Complaint | null> {
    const where = [];
    if (row.idempotencyKey)
      where.push({ createdBy: row.createdBy, idempotencyKey: row.idempotencyKey });
    if (row.externalId) where.push({ channelCode: row.channelCode, externalId: row.externalId });
    return where.length
      ? this.dataSource.manager.findOneBy(Complaint, where)
      : Promise.resolve(null);
  }

  /** Checks the request against reference data and builds the row to insert. */
  private async toRow(
    request: IntakeRequest,
    submitter: Submitter,
    idempotencyKey: string | null,
  ): Promise<Partial<Complaint>> {
    const problems: { field: string; problem: string }[] = [];
    if (request.category) {
      const category = await this.reference.category(request.category);
      if (!category?.active)
        problems.push({ field: 'category', problem: 'is not a known category' });
    }

    let kelurahanCode: string | null = null;
    let locationMethod: LocationMethod | null = null;
    let assignedUnitCode: string | null = null;
    const details: Record<string, string> = {};

    if (request.channel !== 'jaki') {
      problems.push(...checkChannelDetails(request.channel, request.details));
      Object.assign(details, request.details ?? {});
      const officeType = CHANNEL_FIELDS[request.channel].officeType;
      if (officeType && request.details?.receivingOffice) {
        const office = await this.reference.unit(request.details.receivingOffice);
        if (!office || office.type !== officeType) {
          problems.push({
            field: 'details.receivingOffice',
            problem: `must be the unit code of a ${officeType} office`,
          });
        } else if (officeType === 'kelurahan') {
          // A complaint made at a Lurah's office concerns that kelurahan unless told otherwise.
          kelurahanCode = office.regionCode;
          locationMethod = 'receiving-office';
        }
      }
      if (request.channel === 'pendopo-balaikota') details.receivingOffice = 'biro-pemerintahan';
      if (request.kelurahanCode) {
        if (this.regions.get(request.kelurahanCode)?.level !== 'kelurahan') {
          problems.push({ field: 'kelurahanCode', problem: 'is not a kelurahan of DKI Jakarta' });
        } else {
          kelurahanCode = request.kelurahanCode;
          locationMethod = 'kelurahan-code';
        }
      }
      if (request.assignTo) {
        const unit = await this.reference.unit(request.assignTo);
        if (!unit?.active) problems.push({ field: 'assignTo', problem: 'is not an active unit' });
        else assignedUnitCode = unit.code;
      }
      // Complaints about officials' conduct go to the Inspektorat and to no one else.
      if (request.channel === 'inspektorat') {
        if (assignedUnitCode && assignedUnitCode !== 'inspektorat') {
          problems.push({
            field: 'assignTo',
            problem: 'inspektorat complaints stay with the inspektorat',
          });
        }
        assignedUnitCode = 'inspektorat';
      }
    }
    if (problems.length) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        problems.length === 1
          ? `${problems[0].field}: ${problems[0].problem}`
          : `The request is invalid in ${problems.length} places; see details`,
        problems,
      );
    }

    const { reporter } = request;
    return {
      channelCode: request.channel,
      externalId: request.externalId ?? null,
      idempotencyKey,
      requestHash: requestHash(request),
      status: assignedUnitCode ? 'disposisi' : 'menunggu',
      categoryCode: request.category ?? null,
      description: request.description,
      reporterName: reporter.name,
      reporterEmail: reporter.email ?? null,
      reporterPhoneEncrypted: reporter.phone ? this.pii.encrypt(reporter.phone) : null,
      reporterPhoneHash: reporter.phone
        ? this.pii.lookupHash(normalisePhone(reporter.phone))
        : null,
      reporterNikEncrypted: reporter.nik ? this.pii.encrypt(reporter.nik) : null,
      reporterNikHash: reporter.nik ? this.pii.lookupHash(reporter.nik) : null,
      lat: request.location?.lat ?? null,
      lon: request.location?.lon ?? null,
      address: request.address ?? null,
      kelurahanCode,
      locationMethod,
      assignedUnitCode,
      channelDetails: details,
      photos: request.channel === 'jaki' ? (request.photos ?? []) : [],
      reportedAt: request.reportedAt ? new Date(request.reportedAt) : new Date(),
      createdBy: submitter.sub,
      createdByRole: submitter.role,
    };
  }
}

/** 0812…, +62812… and 62812… are one number. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
}

/** SHA-256 of the request with keys in a fixed order, so a re-sent request hashes the same. */
function requestHash(request: object): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
