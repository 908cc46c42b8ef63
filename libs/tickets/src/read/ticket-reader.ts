import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { normalisePhone, PiiCipher, Principal } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { TicketAccess } from '../access/ticket-access';
import { ScopedQuery } from '../access/scoped-query';
import { ComplaintEvent } from '../complaint-event.entity';
import { Complaint } from '../complaint.entity';
import { TicketErrors } from '../ticket-errors';
import { RESTRICTED_CHANNEL } from '../ticket-status';
import { FollowUp } from '../follow-up.entity';
import {
  ComplaintDetailDto,
  ComplaintDto,
  HistoryEventDto,
  RefDto,
  TimelineEntryDto,
  TrackingDto,
} from './complaint.dto';
import { publicTimeline } from './public-timeline';
import { ComplaintFilters, ComplaintListQuery, ListOrder } from './complaint-list.dto';
import { ComplaintViews, toHistory } from './complaint-view';
import { TrackingExtensions } from './tracking-extensions';
import { TicketEvidence } from '../ticket-evidence';

/**
 * Reading tickets: the public tracking view, a caller's list and one ticket with its history —
 * every one through the access gate (a list from its scope, a ticket from `readable`).
 */
@Injectable()
export class TicketReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    private readonly views: ComplaintViews,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
    private readonly extensions: TrackingExtensions,
    private readonly evidence: TicketEvidence,
    private readonly pii: PiiCipher,
  ) {}

  /** The ticket, if the caller may read it; 404 otherwise. */
  async readable(id: string, principal: Principal): Promise<Complaint> {
    return this.access.readable(
      await this.dataSource.manager.findOneBy(Complaint, { id }),
      principal,
    );
  }

  /** Public status for the reporter: no personal data and no content. */
  async track(trackingNumber: string): Promise<TrackingDto> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { trackingNumber });
    if (!complaint) throw TicketErrors.notFound();
    const restricted = complaint.channelCode === RESTRICTED_CHANNEL;
    const category =
      !restricted && complaint.categoryCode
        ? await this.reference.category(complaint.categoryCode)
        : undefined;
    const kelurahan =
      !restricted && complaint.kelurahanCode
        ? this.regions.get(complaint.kelurahanCode)
        : undefined;
    const extended = restricted ? {} : await this.extensions.of(complaint);
    return {
      trackingNumber: complaint.trackingNumber,
      status: complaint.status,
      category: category ? { code: category.code, name: category.name } : null,
      kelurahan: kelurahan ? { code: kelurahan.code, name: kelurahan.name } : null,
      receivedAt: complaint.createdAt.toISOString(),
      updatedAt: complaint.updatedAt.toISOString(),
      ...extended,
      timeline: await this.timeline(complaint, restricted, extended.prelist),
    };
  }

  /**
   * The public timeline. An Inspektorat complaint's shows when its steps happened and nothing
   * of who handles it or what was done: its content is the Inspektorat's alone.
   */
  private async timeline(
    complaint: Complaint,
    restricted: boolean,
    prelist: TrackingDto['prelist'],
  ): Promise<TimelineEntryDto[]> {
    const manager = this.dataSource.manager;
    const [events, followUps, published] = await Promise.all([
      manager.find(ComplaintEvent, {
        select: { type: true, data: true, reason: true, at: true },
        where: { complaintId: complaint.id },
        order: { id: 'ASC' },
      }),
      restricted ? [] : manager.find(FollowUp, { where: { complaintId: complaint.id } }),
      restricted ? {} : this.evidence.published(complaint),
    ]);
    const names = new Map<string, RefDto>();
    for (const code of new Set(events.map((e) => unitOf(e.data)).filter((c) => c !== null))) {
      names.set(code, { code, name: (await this.reference.unit(code))?.name ?? code });
    }
    for (const followUp of followUps) {
      const name = (await this.reference.unit(followUp.unitCode))?.name;
      names.set(followUp.unitCode, { code: followUp.unitCode, name: name ?? followUp.unitCode });
    }
    const entries = publicTimeline(
      events,
      followUps,
      (code) => (restricted || !code ? undefined : names.get(code)),
      published,
      prelist,
    );
    return restricted ? entries.map(({ at, stage }) => ({ at, stage })) : entries;
  }

  /**
   * The tickets the caller may see, filtered and ordered (docs/api.md, "Handling"). The total is
   * counted up to LIST_TOTAL_CAP (`totalCapped` beyond): an exact count of a million tickets
   * would cost every page more than the page itself.
   */
  async list(query: ComplaintListQuery, principal: Principal): Promise<ComplaintPage> {
    const page = { page: query.page, limit: query.limit };
    const scoped = this.filtered(query, principal);
    if (!scoped) return { data: [], meta: { total: 0, ...page } };
    const pageOf = (matchesFirst: boolean): Promise<{ id: string }[]> =>
      this.dataSource.query(
        `SELECT c.id FROM ${matchesFirst ? `(${MATCHES_FIRST} WHERE ${scoped.where} OFFSET 0) c` : `complaints c WHERE ${scoped.where}`}
          ORDER BY ${orderOf(query.sort)} LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        scoped.params,
      );
    // A word search that matches few tickets is answered from its matches (the text index),
    // never by reading tickets in date order until enough match: PostgreSQL's guess of how
    // many match can be far off, and that walk then reads most of the table. The count, needed
    // anyway, tells which it is.
    let rows: { id: string }[];
    let counted: number;
    if (searchWords(query.q)) {
      counted = await this.countUpTo(scoped, LIST_TOTAL_CAP);
      rows = await pageOf(counted <= LIST_TOTAL_CAP);
    } else {
      [rows, counted] = await Promise.all([pageOf(false), this.countUpTo(scoped, LIST_TOTAL_CAP)]);
    }
    const tickets = await this.dataSource.manager.findBy(Complaint, {
      id: In(rows.map((row) => row.id)),
    });
    const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const data = await Promise.all(
      rows.map((row) => this.views.toDto(byId.get(row.id)!, principal)),
    );
    const capped = counted > LIST_TOTAL_CAP;
    return {
      data,
      meta: {
        total: capped ? LIST_TOTAL_CAP : counted,
        ...page,
        ...(capped ? { totalCapped: true } : {}),
      },
    };
  }

  /**
   * The tickets of a list, as stored, in the list's order: up to `limit`, in batches of
   * `batch` (an export writes each batch before it reads the next). Undefined when there are
   * more than `limit`: the caller narrows the filters.
   */
  async *rows(
    query: ComplaintFilters,
    principal: Principal,
    { limit, batch }: { limit: number; batch: number },
  ): AsyncGenerator<Complaint[]> {
    const scoped = this.filtered(query, principal);
    if (!scoped) return;
    const from = searchWords(query.q)
      ? `(${MATCHES_FIRST} WHERE ${scoped.where} OFFSET 0) c`
      : `complaints c WHERE ${scoped.where}`;
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM ${from} ORDER BY ${orderOf(query.sort)} LIMIT ${limit}`,
      scoped.params,
    );
    for (let at = 0; at < ids.length; at += batch) {
      const slice = ids.slice(at, at + batch).map((row) => row.id);
      const tickets = await this.dataSource.manager.findBy(Complaint, { id: In(slice) });
      const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
      yield slice.map((id) => byId.get(id)).filter((ticket) => ticket !== undefined);
    }
  }

  /** How many tickets a list holds, counted up to `cap` + 1 (more than `cap`: over it). */
  async count(query: ComplaintFilters, principal: Principal, cap: number): Promise<number> {
    const scoped = this.filtered(query, principal);
    return scoped ? this.countUpTo(scoped, cap) : 0;
  }

  private async countUpTo(scoped: ScopedQuery, cap: number): Promise<number> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM complaints c WHERE ${scoped.where}
         LIMIT ${cap + 1}) counted`,
      scoped.params,
    );
    return total;
  }

  /** The caller's scope narrowed by a list's filters; null when the caller may list nothing. */
  private filtered(query: ComplaintFilters, principal: Principal): ScopedQuery | null {
    const scoped = this.access.listScope(principal);
    if (!scoped) return null;
    if (query.status) scoped.and((p) => `c.status = ${p}`, query.status);
    if (query.channel) scoped.and((p) => `c.channel_code = ${p}`, query.channel);
    if (query.category) scoped.and((p) => `c.category_code = ${p}`, query.category);
    if (query.kelurahan) scoped.and((p) => `c.kelurahan_code = ${p}`, query.kelurahan);
    if (query.kecamatan) scoped.and((p) => `c.kelurahan_code LIKE ${p}`, `${query.kecamatan}.%`);
    if (query.kota) scoped.and((p) => `c.kelurahan_code LIKE ${p}`, `${query.kota}.%`);
    if (query.unit) scoped.and((p) => `c.assigned_unit_code = ${p}`, query.unit);
    if (query.emergency !== undefined) scoped.and((p) => `c.emergency = ${p}`, query.emergency);
    if (query.overdue !== undefined) {
      scoped.and(
        (p) => `(c.overdue OR (c.due_at IS NOT NULL AND c.due_at < now())) = ${p}`,
        query.overdue,
      );
    }
    if (query.from) scoped.and((p) => `c.created_at >= ${p}`, query.from);
    if (query.to) scoped.and((p) => `c.created_at < ${p}`, query.to);
    if (query.priority) scoped.and((p) => `c.priority = ${p}`, query.priority);
    if (query.assignee === 'me') scoped.and((p) => `c.assignee_sub = ${p}`, principal.sub);
    if (query.assignee === 'none') scoped.andThat('c.assignee_sub IS NULL');
    this.search(scoped, query, principal);
    return scoped;
  }

  /**
   * The search filters (docs/decisions.md, "Search"): exact numbers through their indexes, the
   * phone through its keyed hash, and words through PostgreSQL's full text search over the
   * description, the address, the follow-ups' notes and the internal notes (for who reads them)
   * — the `simple` configuration (Indonesian
   * has no stemmer in PostgreSQL) on lower-cased, unaccented text (`crm_search_text`), each word a
   * prefix. The expressions are those of the indexes of migration TicketSearch.
   */
  private search(scoped: ScopedQuery, query: ComplaintFilters, principal: Principal): void {
    if (query.trackingNumber) {
      scoped.and((p) => `c.tracking_number = ${p}`, query.trackingNumber);
    }
    if (query.laporTrackingId) {
      scoped.and(
        (p) => `c.channel_code = 'lapor-1708' AND (c.external_id = ${p}
                OR (c.channel_details ? 'laporTrackingId' AND c.channel_details->>'laporTrackingId' = ${p}))`,
        query.laporTrackingId,
      );
    }
    if (query.reporterPhone) {
      scoped.and(
        (p) => `c.reporter_phone_hash = ${p}`,
        this.pii.lookupHash(normalisePhone(query.reporterPhone)),
      );
      // The phone would name an anonymous reporter to whoever may not know them.
      if (!this.access.seesAnonymous(principal)) {
        scoped.and((p) => `c.reporter_anonymous = ${p}`, false);
      }
    }
    const words = searchWords(query.q);
    if (!words) return;
    const matches = (text: string, p: string) =>
      `to_tsvector('simple', crm_search_text(${text})) @@ to_tsquery('simple', crm_search_text(${p}))`;
    // Internal notes are searched only for who reads them: else a search would tell what they say.
    const notes = this.access.readsNotes(principal)
      ? (p: string) =>
          `UNION SELECT e.complaint_id FROM complaint_events e WHERE e.type = 'note' AND ${matches('e.reason', p)}`
      : () => '';
    // The follow-ups' and notes' matches as an array of ids: PostgreSQL then ORs the ticket's own
    // index with its primary key's (a BitmapOr), where an OR with a subquery scans every ticket.
    scoped.and(
      (p) => `(${matches(`c.description || ' ' || coalesce(c.address, '')`, p)}
               OR c.id = ANY(ARRAY(
                 SELECT f.complaint_id FROM follow_ups f WHERE ${matches('f.note', p)} ${notes(p)})))`,
      words,
    );
  }

  /** One ticket with its history, dispositions and follow-ups. */
  async detail(id: string, principal: Principal): Promise<ComplaintDetailDto> {
    return this.views.toDetail(await this.readable(id, principal), principal);
  }

  /** The ticket's history alone: every event, oldest first. */
  async history(id: string, principal: Principal): Promise<HistoryEventDto[]> {
    const complaint = await this.readable(id, principal);
    const events = await this.dataSource.manager.find(ComplaintEvent, {
      where: { complaintId: id },
      order: { id: 'ASC' },
    });
    const showOthers = this.access.seesOtherTickets(complaint, principal);
    const readsNotes = this.access.readsNotes(principal);
    return events
      .filter((event) => readsNotes || event.type !== 'note')
      .map((event) => toHistory(event, showOthers));
  }
}

/**
 * The matching tickets with the columns a list is ordered by, found before they are ordered
 * (`OFFSET 0` keeps PostgreSQL from merging it into the ordered, limited query).
 */
const MATCHES_FIRST = 'SELECT c.id, c.created_at, c.priority, c.due_at FROM complaints c';

/** A list's total is counted up to this many tickets; `meta.totalCapped` says there are more. */
export const LIST_TOTAL_CAP = 10_000;

/** A page of the complaint list. */
export interface ComplaintPage {
  data: ComplaintDto[];
  meta: { total: number; page: number; limit: number; totalCapped?: true };
}

/**
 * A list's order. A queue's (`priority`): the urgent first, then the earliest deadline (a
 * ticket whose clock has passed stays at the top), then the oldest — first in, first served.
 */
function orderOf(sort: ListOrder | undefined): string {
  return sort === 'priority'
    ? `CASE c.priority WHEN 'darurat' THEN 0 WHEN 'tinggi' THEN 1 ELSE 2 END,
       c.due_at ASC NULLS LAST, c.created_at ASC, c.id ASC`
    : 'c.created_at DESC, c.id DESC';
}

/** The unit an event names: where it was sent, or who took it up. */
function unitOf(data: Record<string, unknown>): string | null {
  const code = data.toUnit ?? data.unit;
  return typeof code === 'string' ? code : null;
}

/**
 * The words of a search as a tsquery: letters and digits only (nothing the query syntax would
 * read), each a prefix, all required; null when nothing is left.
 */
export function searchWords(q: string | undefined): string | null {
  const words = (q ?? '').match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}
