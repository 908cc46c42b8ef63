import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ApiError,
  bilingual,
  Bilingual,
  ErrorDetail,
  OPEN311_SUBJECT_PREFIX,
  validationMessage,
} from '@crm/core';
import { IntakeService, Submitter } from '@crm/intake';
import { ReferenceCache } from '@crm/reference';
import type { Open311Caller } from '../keys/open311-keys.service';
import { PostServiceRequestDto } from './requests.dto';
import { mapAttributes, open311NameOfDetail } from './service-attributes';

type IntakeRequest = Parameters<IntakeService['submit']>[0];

/** The spec's answer to a POST. */
export interface SubmittedRequest {
  service_request_id: string;
  service_notice: string;
  /** Reporters have no accounts here */
  account_id: null;
}

/** Intake's field names → the Open311 names the client used. */
const OPEN311_FIELD: Record<string, string> = {
  category: 'service_code',
  'location.lat': 'lat',
  'location.lon': 'long',
  address: 'address_string',
  description: 'description',
};

/** The longest reporter name intake stores (first and last name are joined by a space). */
const REPORTER_NAME_MAX = 200;

/** A reporter who gave no name: intake records a complaint with a reporter. */
const ANONYMOUS = 'Anonim (Open311)';

/**
 * Turns a GeoReport POST into an operator complaint of the key's channel and hands it to the
 * same IntakeService as every other channel: idempotency, routing by the worker and the SLA
 * clocks are intake's. Only the translation from Open311's fields lives here.
 */
@Injectable()
export class RequestSubmission {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: IntakeService,
    private readonly reference: ReferenceCache,
  ) {}

  async submit(
    body: PostServiceRequestDto,
    caller: Open311Caller,
    idempotencyKey: string | null,
  ): Promise<{ reply: SubmittedRequest; created: boolean }> {
    const category = await this.reference.category(body.service_code);
    const problems: ErrorDetail[] = [];
    if (!category?.active) {
      problems.push({
        field: 'service_code',
        problem: bilingual(
          `${body.service_code} bukan layanan; lihat daftar layanan di services.json`,
          `${body.service_code} is not a service`,
        ),
      });
    }
    const mapped = mapAttributes(body.service_code, caller.channel, body.attribute ?? {}, body);
    problems.push(...mapped.problems);
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    // Characters as PostgreSQL counts them (code points), not UTF-16 units.
    if ([...name].length > REPORTER_NAME_MAX) {
      problems.push({
        field: 'last_name',
        problem: bilingual(
          `first_name dan last_name bersama-sama paling banyak ${REPORTER_NAME_MAX - 1} karakter`,
          `first_name and last_name together must be at most ${REPORTER_NAME_MAX - 1} characters`,
        ),
      });
    }
    if (problems.length) throw invalid(problems);

    const located = body.lat !== undefined && body.long !== undefined;
    const request = {
      channel: caller.channel,
      // LAPOR!'s tracking id identifies the report: re-sending it returns the first ticket.
      externalId: mapped.details.laporTrackingId,
      reporter: {
        name: name || ANONYMOUS,
        phone: body.phone,
        email: body.email,
        nik: mapped.nik,
        type: mapped.reporterType,
      },
      description: [body.description, ...mapped.descriptionLines].join('\n'),
      category: body.service_code,
      location: located ? { lat: body.lat!, lon: body.long! } : undefined,
      address: body.address_string,
      details: Object.keys(mapped.details).length ? mapped.details : undefined,
    } as IntakeRequest;
    // The submitter is the key: its idempotency keys are its own, and history names it.
    const submitter: Submitter = {
      sub: `${OPEN311_SUBJECT_PREFIX}${caller.keyId}`,
      role: 'operator',
      unit: 'diskominfo',
    };

    const { complaint, created } = await this.intake
      .submit(withoutAbsent(request), submitter, idempotencyKey)
      .catch((error: unknown) => {
        throw inOpen311Terms(error, caller.channel);
      });
    await this.dataSource.query(
      `INSERT INTO open311_submissions (complaint_id, api_key_id, media_url) VALUES ($1, $2, $3)
       ON CONFLICT (complaint_id) DO NOTHING`,
      [complaint.id, caller.keyId, body.media_url ?? null],
    );
    return {
      created,
      reply: {
        service_request_id: complaint.trackingNumber,
        service_notice: `Pengaduan diterima dengan nomor ${complaint.trackingNumber}; Diskominfo meneruskannya ke unit yang berwenang.`,
        account_id: null,
      },
    };
  }
}

function invalid(problems: ErrorDetail[]): ApiError {
  return new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    validationMessage(problems),
    problems,
  );
}

/**
 * Intake names its own fields (`details.receivingOffice`); the client knows Open311's. A
 * resubmission with other content names the request it collides with: GeoReport errors carry a
 * description only, and without the id a gateway could not find the ticket it already made.
 */
function inOpen311Terms(error: unknown, channel: string): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'IDEMPOTENCY_CONFLICT') {
    const [earlier] = error.details as { problem: Bilingual }[];
    return new ApiError(
      HttpStatus.CONFLICT,
      error.code,
      bilingual(
        `${error.text.id}: service_request_id ${earlier.problem.id}`,
        `${error.text.en}: service_request_id ${earlier.problem.en}`,
      ),
      error.details,
    );
  }
  if (error.code !== 'VALIDATION_FAILED') return error;
  return invalid(
    (error.details as ErrorDetail[]).map(({ field = '', problem }) => ({
      field: field.startsWith('details.')
        ? (open311NameOfDetail(channel, field.slice('details.'.length)) ?? field)
        : (OPEN311_FIELD[field] ?? field),
      problem,
    })),
  );
}

/** A plain JSON object without undefined members, as the validation pipe hands intake one. */
function withoutAbsent<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
