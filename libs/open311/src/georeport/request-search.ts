import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ApiError, bilingual, maskIdentityNumbers } from '@crm/core';
import { Publications } from '@crm/evidence';
import { RegionDirectory } from '@crm/reference';
import { normaliseTrackingNumber, TicketAccess } from '@crm/tickets';
import type { Open311Caller } from '../keys/open311-keys.service';
import { jakartaTime } from './georeport-format';

/**
 * A service request as a public GeoReport v2 read shows it: what the public tracking view shows
 * and the place — never the reporter's name, phone, e-mail, NIK or own words about where they
 * live. `address` is the kelurahan's name, not the address as entered (often the reporter's
 * home). `media_url` is the photo Diskominfo published with the validated follow-up, else the one
 * the client sent with the request. For a sensitive category `description` and `media_url` are
 * null and `lat`/`long` are the kelurahan's centre.
 */
export interface ServiceRequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string | null;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  extended_attributes?: {
    jakarta_status: string;
    channel: string;
    kelurahan_code: string | null;
  };
}

export interface SearchFilters {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: ('open' | 'closed')[];
  extensions: boolean;
}

/** The spec's defaults: the last 90 days, at most 1,000 requests. */
const WINDOW_DAYS = 90;
const WINDOW_MS = WINDOW_DAYS * 24 * 60 * 60 * 1000;
const MAX_RESULTS = 1_000;

/** Jakarta's statuses that GeoReport calls closed; every other one is open. */
const CLOSED_STATUSES = ['selesai', 'ditolak'];

interface Row {
  id: string;
  tracking_number: string;
  status: string;
  status_notes: string | null;
  category_code: string | null;
  category_name: string | null;
  sensitive: boolean | null;
  description: string;
  unit_name: string | null;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  lat: number | null;
  lon: number | null;
  media_url: string | null;
  channel_code: string;
  kelurahan_code: string | null;
}

/**
 * Public reads of service requests (GeoReport v2: no key needed). The tickets come from the
 * access gate's public scope — every channel's but the Inspektorat's — narrowed to a key's channel
 * when the client gave one; what each shows is decided here, once, by `view`.
 */
@Injectable()
export class RequestSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    private readonly regions: RegionDirectory,
    private readonly publications: Publications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(
    caller: Open311Caller | null,
    filters: SearchFilters,
  ): Promise<ServiceRequestView[]> {
    const scoped = this.access.publicScope(caller?.channel);
    if (filters.ids) {
      // The spec: service_request_id overrides every other filter. A number typed in lower case
      // (or with O for 0) is the same request.
      scoped.and(
        (p) => `c.tracking_number = ANY(${p}::varchar[])`,
        filters.ids.map(normaliseTrackingNumber),
      );
    } else {
      const { start, end } = window(filters.start, filters.end);
      scoped.and((p) => `c.created_at >= ${p}`, start);
      scoped.and((p) => `c.created_at <= ${p}`, end);
      if (filters.serviceCodes) {
        scoped.and((p) => `c.category_code = ANY(${p}::varchar[])`, filters.serviceCodes);
      }
      const statuses = new Set(filters.statuses ?? []);
      if (statuses.size === 1) {
        const negate = statuses.has('open') ? 'NOT ' : '';
        scoped.and((p) => `${negate}(c.status = ANY(${p}::varchar[]))`, CLOSED_STATUSES);
      }
    }
    // status_notes: the rejection reason of a rejected complaint; otherwise the latest follow-up
    // Diskominfo validated — one awaiting validation or sent back is the unit's draft, not news.
    const rows: Row[] = await this.dataSource.query(
      `SELECT c.id, c.tracking_number, c.status, c.category_code, cat.name AS category_name,
              cat.sensitive, c.description, u.name AS unit_name, c.created_at, c.updated_at,
              c.due_at, c.lat, c.lon, s.media_url, c.channel_code, c.kelurahan_code,
              CASE WHEN c.status = 'ditolak'
                   THEN (SELECT e.reason FROM complaint_events e
                          WHERE e.complaint_id = c.id AND e.type = 'rejected'
                          ORDER BY e.id DESC LIMIT 1)
                   ELSE (SELECT f.note FROM follow_ups f
                          WHERE f.complaint_id = c.id AND f.decision = 'approve'
                          ORDER BY f.decided_at DESC, f.id DESC LIMIT 1)
              END AS status_notes
         FROM complaints c
         LEFT JOIN categories cat ON cat.code = c.category_code
         LEFT JOIN units u ON u.code = c.assigned_unit_code
         LEFT JOIN open311_submissions s ON s.complaint_id = c.id
        WHERE ${scoped.where}
        ORDER BY c.created_at DESC, c.id
        LIMIT ${MAX_RESULTS}`,
      scoped.params,
    );
    const photos = await this.publications.firstShown(
      rows.map((row) => ({
        id: row.id,
        trackingNumber: row.tracking_number,
        channelCode: row.channel_code,
        categoryCode: row.category_code,
      })),
    );
    return rows.map((row) => {
      const photo = photos.get(row.id);
      return this.view(
        row,
        filters.extensions,
        photo ? `${this.config.publicBaseUrl}${photo.url}` : row.media_url,
      );
    });
  }

  /** One request (of the key's channel, when a key is given); 404 when there is none. */
  async one(
    caller: Open311Caller | null,
    id: string,
    extensions: boolean,
  ): Promise<ServiceRequestView> {
    const [found] = /^[A-Za-z0-9-]{1,20}$/.test(id)
      ? await this.search(caller, { ids: [id], extensions })
      : [];
    if (!found) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        bilingual(
          `Tidak ada permintaan layanan ${id}; periksa nomor lacaknya`,
          `No service request ${id}`,
        ),
      );
    }
    return found;
  }

  private view(row: Row, extensions: boolean, mediaUrl: string | null): ServiceRequestView {
    const sensitive = row.sensitive === true;
    const centre = row.kelurahan_code ? this.regions.centre(row.kelurahan_code) : undefined;
    return {
      service_request_id: row.tracking_number,
      status: CLOSED_STATUSES.includes(row.status) ? 'closed' : 'open',
      status_notes: row.status_notes && maskIdentityNumbers(row.status_notes),
      service_name: row.category_name,
      service_code: row.category_code,
      // A NIK or KK number typed into the text is masked, as everywhere the service answers.
      description: sensitive ? null : maskIdentityNumbers(row.description),
      agency_responsible: row.unit_name,
      service_notice: null,
      requested_datetime: jakartaTime(row.created_at),
      updated_datetime: jakartaTime(row.updated_at),
      expected_datetime: jakartaTime(row.due_at),
      address: row.kelurahan_code ? this.placeName(row.kelurahan_code) : null,
      address_id: null,
      zipcode: null,
      // A household's need must not be findable on a map: the kelurahan's centre stands for it.
      lat: sensitive ? (centre?.lat ?? null) : row.lat,
      long: sensitive ? (centre?.lon ?? null) : row.lon,
      media_url: sensitive ? null : mediaUrl,
      ...(extensions
        ? {
            extended_attributes: {
              jakarta_status: row.status,
              channel: row.channel_code,
              kelurahan_code: row.kelurahan_code,
            },
          }
        : {}),
    };
  }

  /** "Kelurahan Gambir, Kecamatan Gambir, Kota Administrasi Jakarta Pusat" */
  private placeName(kelurahanCode: string): string | null {
    const kelurahan = this.regions.get(kelurahanCode);
    if (!kelurahan) return null;
    const { kecamatan, kota } = this.regions.ancestors(kelurahanCode);
    return [`Kelurahan ${kelurahan.name}`, kecamatan && `Kecamatan ${kecamatan.name}`, kota?.name]
      .filter(Boolean)
      .join(', ');
  }
}

/** The search window: at most 90 days, by default the 90 days up to end_date (or now). */
function window(start?: Date, end?: Date): { start: Date; end: Date } {
  const to =
    end ?? (start ? new Date(Math.min(Date.now(), start.getTime() + WINDOW_MS)) : new Date());
  const from = start ?? new Date(to.getTime() - WINDOW_MS);
  if (from > to) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(
        'start_date tidak boleh sesudah end_date; perbaiki rentang tanggalnya',
        'start_date must not be after end_date',
      ),
      [
        {
          field: 'start_date',
          problem: bilingual('tidak boleh sesudah end_date', 'must not be after end_date'),
        },
      ],
    );
  }
  if (to.getTime() - from.getTime() > WINDOW_MS) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(
        `Rentang dari start_date sampai end_date lebih dari ${WINDOW_DAYS} hari; perpendek rentangnya`,
        `The window from start_date to end_date is over ${WINDOW_DAYS} days`,
      ),
      [
        {
          field: 'end_date',
          problem: bilingual(
            `paling lambat ${WINDOW_DAYS} hari sesudah start_date`,
            `must be at most ${WINDOW_DAYS} days after start_date`,
          ),
        },
      ],
    );
  }
  return { start: from, end: to };
}
