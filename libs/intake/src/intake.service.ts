import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ApiError,
  bilingual,
  ErrorDetail,
  normalisePhone,
  PiiCipher,
  Principal,
  SERVICE_SUBJECTS,
} from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import {
  Complaint,
  DEFAULT_REPORTER_TYPE,
  LocationMethod,
  newComplaint,
  NewComplaintFields,
  newTrackingNumber,
  Ticket,
  TicketStore,
} from '@crm/tickets';
import { CHANNEL_FIELDS, checkChannelDetails, LAPOR_TRACKING_ID } from './channel-details';
import { JakiComplaintDto, OperatorComplaintDto, ReporterDto } from './intake.dto';
import { ageOn, parseNik } from '@crm/identity';

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

/** What intake decides of a new complaint: its columns, and the unit an operator named. */
type Received = Omit<NewComplaintFields, 'trackingNumber'> & { assignTo: string | null };

type IntakeRequest = (JakiComplaintDto & { channel: 'jaki' }) | OperatorComplaintDto;

/**
 * Turns a validated request from any channel into a received ticket (Ticket.receive), which the
 * ticket store writes with its first events and its routing job in one statement. Idempotency
 * rests on the unique indexes of `complaints`: the insert is ON CONFLICT DO NOTHING, and a
 * conflicting request is answered from the row that won — whether it committed long ago or a
 * moment ago in a concurrent request.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
    private readonly pii: PiiCipher,
    private readonly store: TicketStore,
  ) {}

  async submit(
    request: IntakeRequest,
    submitter: Submitter,
    idempotencyKey: string | null,
  ): Promise<IntakeOutcome> {
    const { assignTo, ...row } = await this.toRow(request, submitter, idempotencyKey);
    const actor = {
      kind: 'submitter' as const,
      sub: submitter.sub,
      role: submitter.role,
      unit: submitter.unit ?? null,
      requestId: null,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const ticket = Ticket.receive(
        newComplaint({ ...row, trackingNumber: newTrackingNumber() }),
        assignTo,
        actor,
      );
      const complaint = await this.store.create(ticket);
      if (complaint) return { complaint, created: true };
      const existing = await this.findEarlier(row);
      if (existing && existing.createdBy !== submitter.sub) {
        // Another caller's ticket: neither it nor its tracking number is this caller's to learn
        // (else a probe with a guessed externalId would find other people's complaints).
        throw new ApiError(
          HttpStatus.CONFLICT,
          'ALREADY_RECEIVED',
          bilingual(
            `Pengaduan ${row.externalId} dari kanal ${row.channelCode} sudah diterima dari sumber lain dan dipegang Diskominfo; hubungi Diskominfo bila perlu menindaklanjutinya`,
            `Complaint ${row.externalId} of channel ${row.channelCode} was already received from another source; Diskominfo holds it`,
          ),
        );
      }
      if (existing) {
        if (existing.requestHash !== row.requestHash) {
          throw new ApiError(
            HttpStatus.CONFLICT,
            'IDEMPOTENCY_CONFLICT',
            idempotencyKey && existing.idempotencyKey === idempotencyKey
              ? bilingual(
                  'Idempotency-Key ini sudah dipakai untuk permintaan dengan isi berbeda; pakai kunci baru untuk pengaduan baru',
                  'This Idempotency-Key was already used with a different request',
                )
              : bilingual(
                  `Pengaduan ${row.externalId} dari kanal ${row.channelCode} sudah diterima dengan isi berbeda; lihat tiket yang nomor lacaknya ada di details`,
                  `Complaint ${row.externalId} of channel ${row.channelCode} was already received with different content`,
                ),
            // The earlier ticket's tracking number: a value, the same in both languages.
            [
              {
                field: 'trackingNumber',
                problem: bilingual(existing.trackingNumber, existing.trackingNumber),
              },
            ],
          );
        }
        return { complaint: existing, created: false };
      }
      // Neither key matched: the random tracking number collided. Draw another.
    }
    throw new Error('Could not allocate a unique tracking number');
  }

  private findEarlier(row: Omit<Received, 'assignTo'>): Promise<Complaint | null> {
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
  ): Promise<Received> {
    const problems: ErrorDetail[] = [];
    // An admin switches a channel off when nobody staffs it; JAKI's pushes are always received.
    if (
      request.channel !== 'jaki' &&
      (await this.reference.channel(request.channel))?.active === false
    ) {
      problems.push({
        field: 'channel',
        problem: bilingual(
          'kanal ini sedang tidak dilayani (dinonaktifkan admin); catat pengaduan pada kanal yang melayaninya',
          'this channel is switched off by an admin; enter the complaint on the channel that serves it',
        ),
      });
    }
    if (request.category) {
      const category = await this.reference.category(request.category);
      if (!category?.active)
        problems.push({
          field: 'category',
          problem: bilingual(
            'bukan kategori yang dikenal; pilih kategori dari daftar kategori',
            'is not a known category',
          ),
        });
    }

    let kelurahanCode: string | null = null;
    let locationMethod: LocationMethod | null = null;
    let assignedUnitCode: string | null = null;
    const details: Record<string, string> = {};
    let missingDetails: string[] = [];

    if (request.channel !== 'jaki') {
      Object.assign(details, request.details ?? {});
      // A LAPOR! report's tracking id may come as the external id alone: it is the same fact.
      if (
        request.channel === 'lapor-1708' &&
        !details.laporTrackingId &&
        request.externalId &&
        LAPOR_TRACKING_ID.test(request.externalId)
      ) {
        details.laporTrackingId = request.externalId;
      }
      const checked = checkChannelDetails(request.channel, details);
      problems.push(...checked.problems);
      missingDetails = checked.missing;
      const officeType = CHANNEL_FIELDS[request.channel].officeType;
      if (officeType && request.details?.receivingOffice) {
        const office = await this.reference.unit(request.details.receivingOffice);
        if (!office || office.type !== officeType) {
          problems.push({
            field: 'details.receivingOffice',
            problem: bilingual(
              `harus kode unit kantor ${officeType}`,
              `must be the unit code of a ${officeType} office`,
            ),
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
          problems.push({
            field: 'kelurahanCode',
            problem: bilingual(
              'bukan kelurahan di DKI Jakarta; periksa kodenya di daftar wilayah',
              'is not a kelurahan of DKI Jakarta',
            ),
          });
        } else {
          kelurahanCode = request.kelurahanCode;
          locationMethod = 'kelurahan-code';
        }
      }
      if (request.assignTo) {
        const unit = await this.reference.unit(request.assignTo);
        if (!unit?.active) {
          problems.push({
            field: 'assignTo',
            problem: bilingual('bukan unit yang aktif', 'is not an active unit'),
          });
        } else assignedUnitCode = unit.code;
      }
      // Complaints about officials' conduct go to the Inspektorat and to no one else.
      if (request.channel === 'inspektorat') {
        if (assignedUnitCode && assignedUnitCode !== 'inspektorat') {
          problems.push({
            field: 'assignTo',
            problem: bilingual(
              'pengaduan kanal inspektorat tetap ditangani Inspektorat; kosongkan assignTo',
              'inspektorat complaints stay with the inspektorat',
            ),
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
          ? bilingual(
              `${problems[0].field}: ${problems[0].problem.id}`,
              `${problems[0].field}: ${problems[0].problem.en}`,
            )
          : bilingual(
              `Permintaan tidak valid di ${problems.length} tempat; keterangannya ada di details`,
              `The request is invalid in ${problems.length} places; see details`,
            ),
        problems,
      );
    }

    const { reporter } = request;
    const reportedAt = request.reportedAt ? new Date(request.reportedAt) : new Date();
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
      categoryCode: request.category ?? null,
      description: request.description,
      reporterName: reporter.name,
      reporterType: reporter.type ?? DEFAULT_REPORTER_TYPE,
      reporterAnonymous: reporter.anonymous ?? false,
      ...personalFacts(reporter, reportedAt),
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
      assignTo: assignedUnitCode,
      channelDetails: details,
      missingDetails,
      photos: request.channel === 'jaki' ? (request.photos ?? []) : [],
      reportedAt,
      createdBy: submitter.sub,
      createdByRole: submitter.role,
    };
  }
}

/**
 * A person's sex and age, read from their NIK, and their disability as they told it: what the
 * figures by sex, age group and disability count (Kepsekda 75/2023 §3.6.2.g). An organisation's
 * or a unit's contact person is not the reporter, so nothing is read for them.
 */
function personalFacts(
  reporter: ReporterDto,
  reportedAt: Date,
): Pick<Complaint, 'reporterSex' | 'reporterAge' | 'reporterDisability'> {
  if ((reporter.type ?? DEFAULT_REPORTER_TYPE) !== DEFAULT_REPORTER_TYPE) {
    return { reporterSex: null, reporterAge: null, reporterDisability: null };
  }
  const nik = reporter.nik ? parseNik(reporter.nik, reportedAt) : null;
  return {
    reporterSex: nik?.valid ? nik.parts.sex : null,
    reporterAge: nik?.valid ? ageOn(nik.parts.birthDate, reportedAt) : null,
    reporterDisability: reporter.disability ?? null,
  };
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
