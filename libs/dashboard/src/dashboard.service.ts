import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { DataSource } from 'typeorm';
import { RegionDirectory } from '@crm/reference';
import { MAX_STALENESS_MS, TicketFacts } from './facts/ticket-facts';
import { QuarterlyQuery, RegionsQuery, SummaryQuery } from './dashboard-query.dto';
import { jakartaIso, listOf, toCsv } from '@crm/core';
import { NotInDatabaseFigures, notInDatabaseFigures } from './reports/not-in-database-figures';
import { ReporterAnswerFigures, reporterAnswerFigures } from './reports/reporter-answers';
import { quarterlyReport, quarterRange, QuarterRow } from './reports/quarterly';
import { RegionShapes } from './reports/region-shapes';
import { RegionFigures, regionFeatures, regionFigures } from './reports/regions';
import { byReporterType } from './reports/reporter-figures';
import { complaintGroups, PeopleByGroup, peopleByGroup } from './reports/group-figures';
import { TicketFigures, ticketFigures } from './reports/summary';
import { resolveFilter, selectTickets } from './reports/ticket-selection';

/** How fresh an answer is: the database time its figures reflect, and their age then. */
export interface Freshness {
  asOf: string;
  ageSeconds: number;
}

export type Summary = Freshness &
  TicketFigures & {
    from: string | null;
    to: string | null;
    notInDatabase: NotInDatabaseFigures;
    reporterAnswers: ReporterAnswerFigures;
    /** Complaints by who reported them: person, organisation, government-unit */
    byReporterType: Record<string, number>;
    /** The poverty path by sex, age group and disability, small counts suppressed */
    peopleByGroup: PeopleByGroup;
  };

export type Quarterly = Freshness &
  ReturnType<typeof quarterlyReport> & {
    year: number;
    quarter: number;
    notInDatabase: NotInDatabaseFigures;
    reporterAnswers: ReporterAnswerFigures;
    /** The quarter's complaints by who reported them */
    byReporterType: Record<string, number>;
    /** The poverty path by sex, age group and disability, small counts suppressed */
    peopleByGroup: PeopleByGroup;
  };

const REFERENCE_TTL_MS = 60_000;
const MAX_REMEMBERED = 200;

type RegionsAnswer =
  | {
      data: RegionFigures[];
      meta: Freshness & {
        total: number;
        level: string;
        unplaced: number;
        page?: number;
        limit?: number;
      };
    }
  | (FeatureCollection<Polygon | MultiPolygon | null, RegionFigures> & Freshness);

/**
 * Answers computed from an older state of the index are reused for this long: the index reads
 * changes every 5 s, and recomputing every answer after each read cost intake a tenth of its
 * speed beside two dashboards polling without pause (docs/benchmarks.md). Each answer says the
 * state it reflects (`asOf`); `Cache-Control: no-cache` always computes afresh.
 */
const REUSE_MS = 15_000;

/** Seconds since the index state an answer reflects. */
const ageOf = (asOf: string) => Math.max(0, Math.round((Date.now() - Date.parse(asOf)) / 1000));

/** A copy of a remembered answer with its age as of now (at the top or in `meta`). */
function withAge<T extends object>(answer: T): T {
  if ('meta' in answer) {
    const meta = answer.meta as Freshness;
    return { ...answer, meta: { ...meta, ageSeconds: ageOf(meta.asOf) } };
  }
  return { ...answer, ageSeconds: ageOf((answer as T & Freshness).asOf) };
}

/** A GeoJSON answer as bytes, less its age and closing brace, which end each copy sent. */
interface GeoJsonBody {
  head: Buffer;
  asOf: string;
}

/** The dashboard's answers, computed from the in-memory ticket index (facts/ticket-facts.ts). */
@Injectable()
export class DashboardService {
  private known?: { channels: string[]; categories: string[]; at: number };
  /** Answers computed from the index as it is now; dropped when it next reads changes. */
  private readonly answers = new Map<string, Promise<object>>();
  private answersAsOf: Date | null = null;
  /** When the remembered answers were first computed from an index state (ms). */
  private answersSince = 0;
  /** The bytes of remembered answers that are sent as GeoJSON (the maps). */
  private readonly geoJsonBodies = new WeakMap<object, GeoJsonBody>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: TicketFacts,
    private readonly regions: RegionDirectory,
    private readonly shapes: RegionShapes,
  ) {}

  summary(query: SummaryQuery, fresh: boolean): Promise<Summary> {
    return this.remembered('summary', query, fresh, () => this.computeSummary(query));
  }

  private async computeSummary(query: SummaryQuery): Promise<Summary> {
    // Awaited first: from the selection on, the figures are read in one synchronous pass, so a
    // look for changes cannot land between them and mix two states of the index.
    const known = await this.knownCodes();
    const filter = resolveFilter(this.facts, query);
    const selection = selectTickets(this.facts, filter);
    const figures = ticketFigures(this.facts, selection, filter, nowSeconds(), {
      interval: query.interval,
      known,
    });
    const reporterTypes = byReporterType(this.facts, selection);
    const reporters = complaintGroups(this.facts, selection);
    return {
      ...this.freshness(),
      from: filter.from > 0 ? jakartaIso(filter.from) : null,
      to: filter.to < 0xffffffff ? jakartaIso(filter.to) : null,
      ...figures,
      notInDatabase: await notInDatabaseFigures(this.dataSource, this.facts, filter, selection),
      reporterAnswers: await reporterAnswerFigures(this.dataSource, this.facts, selection),
      byReporterType: reporterTypes,
      peopleByGroup: await peopleByGroup(this.dataSource, this.facts, filter, reporters),
    };
  }

  /** Every region of the level, or a page of them when the caller asks with `page` or `limit`. */
  async regionsReport(query: RegionsQuery, fresh: boolean): Promise<RegionsAnswer> {
    const { page, limit, ...figures } = query;
    const answer = await this.remembered('regions', figures, fresh, () =>
      this.computeRegions(query),
    );
    if (!('meta' in answer) || (page === undefined && limit === undefined)) return answer;
    const { data, meta } = listOf(answer.data, { page, limit });
    return { data, meta: { ...answer.meta, ...meta } };
  }

  /**
   * The regions as GeoJSON bytes, with a tag of their content. The boundaries make it large
   * (about 640 kB at kelurahan level) and maps poll it: the bytes are written once per answer,
   * only its age is appended afresh, and the tag names the answer and age instead of hashing
   * the whole body on every request.
   */
  async regionsGeoJson(
    query: RegionsQuery,
    fresh: boolean,
  ): Promise<{ body: Buffer; etag: string }> {
    const answer = await this.rememberedAnswer('regions', query, fresh, () =>
      this.computeRegions(query),
    );
    let geoJson = this.geoJsonBodies.get(answer);
    if (geoJson === undefined) {
      // Without its age (JSON leaves an undefined member out) and the closing brace.
      const text = JSON.stringify({ ...answer, ageSeconds: undefined }).slice(0, -1);
      geoJson = { head: Buffer.from(text), asOf: (answer as Freshness).asOf };
      this.geoJsonBodies.set(answer, geoJson);
    }
    const age = ageOf(geoJson.asOf);
    return {
      body: Buffer.concat([geoJson.head, Buffer.from(`,"ageSeconds":${age}}`)]),
      etag: `W/"regions-${Date.parse(geoJson.asOf)}-${age}-${geoJson.head.length}"`,
    };
  }

  private async computeRegions(query: RegionsQuery): Promise<RegionsAnswer> {
    const selection = selectTickets(this.facts, resolveFilter(this.facts, query));
    const { data, unplaced } = regionFigures(
      this.facts,
      this.regions,
      selection,
      query.level,
      nowSeconds(),
    );
    if (query.format === 'geojson') {
      // asOf and ageSeconds are foreign members, which RFC 7946 allows.
      return { ...regionFeatures(data, this.shapes), ...this.freshness() };
    }
    return {
      data,
      meta: { total: data.length, level: query.level, unplaced, ...this.freshness() },
    };
  }

  quarterly(query: QuarterlyQuery, fresh: boolean): Promise<Quarterly> {
    return this.remembered('quarterly', query, fresh, () => this.computeQuarterly(query));
  }

  private async computeQuarterly(query: QuarterlyQuery): Promise<Quarterly> {
    const report = quarterlyReport(
      this.facts,
      this.regions,
      query.year,
      query.quarter,
      nowSeconds(),
    );
    const range = quarterRange(query.year, query.quarter);
    const filter = resolveFilter(this.facts, {}, range);
    const selection = selectTickets(this.facts, filter);
    const reporterTypes = byReporterType(this.facts, selection);
    const reporters = complaintGroups(this.facts, selection);
    return {
      ...this.freshness(),
      year: query.year,
      quarter: query.quarter,
      ...report,
      notInDatabase: await notInDatabaseFigures(this.dataSource, this.facts, filter, selection),
      reporterAnswers: await reporterAnswerFigures(this.dataSource, this.facts, selection),
      byReporterType: reporterTypes,
      peopleByGroup: await peopleByGroup(this.dataSource, this.facts, filter, reporters),
    };
  }

  quarterlyCsv(report: Quarterly): string {
    const columns: [keyof QuarterRow, string][] = [
      ['level', 'level'],
      ['regionCode', 'region_code'],
      ['regionName', 'region_name'],
      ['kotaCode', 'kota_code'],
      ['category', 'category'],
      ['channel', 'channel'],
      ['received', 'received'],
      ['closed', 'closed'],
      ['closedWithinDeadline', 'closed_within_deadline'],
      ['rejected', 'rejected'],
      ['stillOpen', 'still_open'],
      ['overdue', 'overdue'],
    ];
    return toCsv(
      report.rows,
      columns.map(([key, header]) => ({ key, header })),
    );
  }

  /**
   * The answer to `query` from the index: computed once, however many dashboards ask for it,
   * until the index has read changes and the answers are REUSE_MS old (a wall of screens
   * polling the same view costs one computation per period, not one per screen). The age is
   * told afresh each time.
   */
  private async remembered<T extends object>(
    kind: string,
    query: object,
    fresh: boolean,
    compute: () => Promise<T>,
  ): Promise<T> {
    return withAge(await this.rememberedAnswer(kind, query, fresh, compute));
  }

  /** The remembered answer itself (shared: never to be changed), without its age. */
  private async rememberedAnswer<T extends object>(
    kind: string,
    query: object,
    fresh: boolean,
    compute: () => Promise<T>,
  ): Promise<T> {
    await this.facts.current(fresh ? 0 : MAX_STALENESS_MS);
    const changed = this.answersAsOf !== this.facts.asOf;
    if (changed && (fresh || Date.now() - this.answersSince >= REUSE_MS)) {
      this.answers.clear();
      this.answersAsOf = this.facts.asOf;
      this.answersSince = Date.now();
    }
    const key = `${kind} ${JSON.stringify(query)}`;
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      if (this.answers.size >= MAX_REMEMBERED)
        this.answers.delete(this.answers.keys().next().value!);
      answer = compute();
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }

  private freshness(): Freshness {
    const asOf = this.facts.asOf!;
    return {
      asOf: asOf.toISOString(),
      ageSeconds: Math.max(0, Math.round((Date.now() - asOf.getTime()) / 1000)),
    };
  }

  /** Every channel and category, so the breakdowns list zeros too. */
  private async knownCodes(): Promise<{ channels: string[]; categories: string[] }> {
    if (!this.known || Date.now() - this.known.at > REFERENCE_TTL_MS) {
      const [channels, categories] = await Promise.all([
        this.dataSource.query(`SELECT code FROM channels ORDER BY position`),
        this.dataSource.query(`SELECT code FROM categories WHERE active ORDER BY code`),
      ]);
      this.known = {
        channels: (channels as { code: string }[]).map((row) => row.code),
        categories: (categories as { code: string }[]).map((row) => row.code),
        at: Date.now(),
      };
    }
    return this.known;
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
