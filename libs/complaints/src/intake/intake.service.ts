import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiError, PiiCipher, Principal, SERVICE_SUBJECTS } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { Complaint } from '../tickets/complaint.entity';
import { LocationMethod } from '../tickets/complaint-status';
import { newTrackingNumber } from '../tickets/tracking-number';
import { OutboxSignal } from '../messaging/outbox-signal';
import { ROUTING_QUEUE } from '../messaging/queues';
import { CHANNEL_FIELDS, checkChannelDetails } from './channel-details';
import { JakiComplaintDto, OperatorComplaintDto } from './intake.dto';

/** The submitter as the ticket records it. */
export type Submitter = Pick<Principal, 'sub' | 'role' | 'unit'>;

export const JAKI_SUBMITTER: Submitter = {
  sub: SERVICE_SUBJECTS.jaki,
  role: 'operator',
  unit: 'diskominfo',
};

export interface IntakeOutcome {
  complaint: Complaint;
  /** false when an earlier identical request already created it */
  created: boolean;
}

/** The columns intake sets; the rest start at their defaults. */
type NewComplaintRow = Pick<
  Complaint,
  | 'channelCode'
  | 'externalId'
  | 'idempotencyKey'
  | 'requestHash'
  | 'status'
  | 'categoryCode'
  | 'description'
  | 'reporterName'
  | 'reporterEmail'
  | 'reporterPhoneEncrypted'
  | 'reporterPhoneHash'
  | 'reporterNikEncrypted'
  | 'reporterNikHash'
  | 'lat'
  | 'lon'
  | 'address'
  | 'kelurahanCode'
  | 'locationMethod'
  | 'assignedUnitCode'
  | 'channelDetails'
  | 'photos'
  | 'reportedAt'
  | 'createdBy'
  | 'createdByRole'
>;

const TICKET_DEFAULTS: Partial<Complaint> = {
  locationDistanceMeters: null,
  locationAlternatives: [],
  suggestedUnitCode: null,
  reviewReason: null,
  possibleDuplicates: [],
  emergency: false,
  dueAt: null,
  routedAt: null,
};

const INSERT_TICKET_SQL = `
WITH ticket AS (
  INSERT INTO complaints (
    tracking_number, channel_code, external_id, idempotency_key, request_hash, status,
    category_code, description, reporter_name, reporter_email, reporter_phone_encrypted,
    reporter_phone_hash, reporter_nik_encrypted, reporter_nik_hash, lat, lon, address,
    kelurahan_code, location_method, assigned_unit_code, channel_details, photos, reported_at,
    created_by, created_by_role, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
    $20, $21, $22, $23, $24, $25, 1)
  ON CONFLICT DO NOTHING
  RETURNING id, status, assigned_unit_code, channel_code, created_at, updated_at, version
), history AS (
  INSERT INTO complaint_events
    (complaint_id, type, actor_sub, actor_role, actor_unit, from_status, to_status, data)
  SELECT id, 'received', $24, $25, $26, NULL, 'menunggu', jsonb_build_object('channel', channel_code)
    FROM ticket
  UNION ALL
  SELECT id, 'assigned', $24, $25, $26, 'menunggu', 'disposisi',
         jsonb_build_object('toUnit', assigned_unit_code)
    FROM ticket WHERE status = 'disposisi'
), job AS (
  INSERT INTO outbox_messages (queue, job_name, job_id, payload)
  SELECT $27, 'route', 'route:' || id, jsonb_build_object('complaintId', id) FROM ticket
)
SELECT id, created_at, updated_at, version FROM ticket`;

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
    private readonly outbox: OutboxSignal,
  ) {}

  async submit(
    request: IntakeRequest,
    submitter: Submitter,
    idempotencyKey: string | null,
  ): Promise<IntakeOutcome> {
    const row = await this.toRow(request, submitter, idempotencyKey);
    for (let attempt = 0; attempt < 3; attempt++) {
      const complaint = await this.insert(
        { ...row, trackingNumber: newTrackingNumber() },
        submitter,
      );
      if (complaint) return { complaint, created: true };
      const existing = await this.findEarlier(row);
      if (existing && existing.createdBy !== submitter.sub) {
        // Another caller's ticket: neither it nor its tracking number is this caller's to learn
        // (else a probe with a guessed externalId would find other people's complaints).
        throw new ApiError(
          HttpStatus.CONFLICT,
          'ALREADY_RECEIVED',
          `Complaint ${row.externalId} of channel ${row.channelCode} was already received from another source; Diskominfo holds it`,
        );
      }
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

  /**
   * The ticket, its first history events and its routing job in one statement — atomic, and one
   * round trip to PostgreSQL instead of six. Nothing is written when a unique index already holds
   * an earlier ticket (ON CONFLICT DO NOTHING returns no row, and the CTEs insert from that row).
   */
  private async insert(
    row: NewComplaintRow & { trackingNumber: string },
    submitter: Submitter,
  ): Promise<Complaint | null> {
    const rows: { id: string; created_at: Date; updated_at: Date; version: number }[] =
      await this.dataSource.query(INSERT_TICKET_SQL, [
        row.trackingNumber,
        row.channelCode,
        row.externalId,
        row.idempotencyKey,
        row.requestHash,
        row.status,
        row.categoryCode,
        row.description,
        row.reporterName,
        row.reporterEmail,
        row.reporterPhoneEncrypted,
        row.reporterPhoneHash,
        row.reporterNikEncrypted,
        row.reporterNikHash,
        row.lat,
        row.lon,
        row.address,
        row.kelurahanCode,
        row.locationMethod,
        row.assignedUnitCode,
        JSON.stringify(row.channelDetails),
        JSON.stringify(row.photos),
        row.reportedAt,
        row.createdBy,
        row.createdByRole,
        submitter.unit ?? null,
        ROUTING_QUEUE,
      ]);
    if (rows.length === 0) return null;
    this.outbox.wake(ROUTING_QUEUE);
    const [{ id, created_at: createdAt, updated_at: updatedAt, version }] = rows;
    return Object.assign(new Complaint(), TICKET_DEFAULTS, row, {
      id,
      createdAt,
      updatedAt,
      version,
    });
  }

  private findEarlier(row: NewComplaintRow): Promise<Complaint | null> {
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
  ): Promise<NewComplaintRow> {
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
      // A LAPOR! report is identified by its tracking id, whoever enters it (an operator, or the
      // gateway over Open311): the same report entered twice is one ticket.
      externalId:
        request.externalId ??
        (request.channel === 'lapor-1708' ? details.laporTrackingId : undefined) ??
        null,
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
