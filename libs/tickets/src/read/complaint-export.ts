import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, bilingual, CsvCell, maskContactData, Principal, toCsv } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { Complaint } from '../complaint.entity';
import { ComplaintFilters } from './complaint-list.dto';
import { TicketReader } from './ticket-reader';

/** The most rows one export holds: past it, the desk narrows its filters (a period, a kota). */
export const EXPORT_LIMIT = 100_000;
const BATCH = 1_000;

/** The export's columns: the ticket's handling, never the reporter (docs/desk.md). */
const HEADER = [
  'trackingNumber',
  'status',
  'priority',
  'channel',
  'category',
  'categoryName',
  'kelurahan',
  'kelurahanName',
  'kecamatanName',
  'kotaName',
  'assignedUnit',
  'assignedUnitName',
  'description',
  'emergency',
  'receivedAt',
  'dueAt',
  'overdue',
  'escalationLevel',
  'closedAt',
  'rating',
];

/**
 * A list as CSV (`GET /api/v1/complaints.csv`): the same filters and scope as the list, written
 * in batches as they are read. No personal data: nothing of the reporter, no address, no point;
 * the description with identity numbers, phones and e-mail addresses masked. Every cell goes
 * through toCsv, which neutralises what a spreadsheet would run as a formula.
 */
@Injectable()
export class ComplaintExport {
  constructor(
    private readonly reader: TicketReader,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
  ) {}

  /** Refuses a list past EXPORT_LIMIT before anything is written. */
  async check(query: ComplaintFilters, principal: Principal): Promise<void> {
    const total = await this.reader.count(query, principal, EXPORT_LIMIT);
    if (total > EXPORT_LIMIT) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'EXPORT_TOO_LARGE',
        bilingual(
          `Daftar ini memuat lebih dari ${EXPORT_LIMIT} tiket, batas satu ekspor. Persempit dengan from/to, kota, status atau kategori`,
          `The list holds more than ${EXPORT_LIMIT} tickets, the most one export holds. Narrow it with from/to, kota, status or category`,
        ),
      );
    }
  }

  /** The CSV, a header and then one chunk per batch of tickets. */
  async *csv(query: ComplaintFilters, principal: Principal): AsyncGenerator<string> {
    // A byte-order mark: spreadsheets then read the names' accents as UTF-8.
    yield '\uFEFF' + toCsv([HEADER]);
    for await (const batch of this.reader.rows(query, principal, {
      limit: EXPORT_LIMIT,
      batch: BATCH,
    })) {
      const rows: CsvCell[][] = [];
      for (const ticket of batch) rows.push(await this.row(ticket));
      yield toCsv(rows);
    }
  }

  private async row(ticket: Complaint): Promise<CsvCell[]> {
    const place = ticket.kelurahanCode ? this.regions.ancestors(ticket.kelurahanCode) : {};
    const category = ticket.categoryCode
      ? await this.reference.category(ticket.categoryCode)
      : undefined;
    const unit = ticket.assignedUnitCode
      ? await this.reference.unit(ticket.assignedUnitCode)
      : undefined;
    const overdue = ticket.overdue || (ticket.dueAt !== null && ticket.dueAt < new Date());
    return [
      ticket.trackingNumber,
      ticket.status,
      ticket.priority,
      ticket.channelCode,
      ticket.categoryCode,
      category?.name,
      ticket.kelurahanCode,
      ticket.kelurahanCode ? this.regions.get(ticket.kelurahanCode)?.name : null,
      place.kecamatan?.name,
      place.kota?.name,
      ticket.assignedUnitCode,
      unit?.name,
      maskContactData(ticket.description),
      ticket.emergency,
      ticket.createdAt.toISOString(),
      ticket.dueAt?.toISOString(),
      overdue,
      ticket.escalationLevel,
      ticket.closedAt?.toISOString(),
      ticket.rating,
    ];
  }
}
