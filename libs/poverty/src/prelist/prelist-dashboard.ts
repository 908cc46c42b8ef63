import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@crm/core';
import { prelistDueSql } from './prelist-clock';
import { countedCycleSql, cycleFor, cycleOf } from './prelist-cycles';
import { PRELIST_STATUSES, PrelistStatus } from './prelist-entry.entity';

/** One prelist entry past its stage's deadline: where it is, never who. */
export class OverduePrelistEntryDto {
  id: string;
  kelurahanCode: string;
  status: PrelistStatus;
  dueAt: string;
}

/** One cycle of the target data set and its entries by stage. */
export class PrelistCycleFiguresDto {
  /** The determination date (YYYY-MM-DD) */
  id: string;
  determination: string;
  /** Entries must be sent by this day to count in the cycle (two months before, §3.1.4.b) */
  cutOff: string;
  /** The cycle entries are prelisted into now (its cut-off has not passed) */
  current: boolean;
  byStage: Partial<Record<PrelistStatus, number>>;
  /** Entries that missed an earlier cycle's cut-off and wait in this one */
  carriedOver: number;
}

/** The prelist in numbers for the dashboard: counts and entry ids, no personal data. */
export class PrelistFiguresDto {
  asOf: string;
  /** Entries by the cycle they count in (oldest first), and stage */
  byCycle: PrelistCycleFiguresDto[];
  /** Entries by status (stage), zeros included */
  byStage: Record<PrelistStatus, number>;
  overdue: {
    total: number;
    byStage: Partial<Record<PrelistStatus, number>>;
    /** The 100 most overdue, oldest deadline first */
    entries: OverduePrelistEntryDto[];
  };
}

const LISTED_OVERDUE = 100;

/**
 * The prelist's figures for Diskominfo's dashboard: entries by stage, and the ones past their
 * stage's deadline (prelist-clock.ts). Read from the prelist's own (small) table on each request.
 */
@Injectable()
export class PrelistDashboard {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async figures(): Promise<PrelistFiguresDto> {
    const { verificationDays, muskelDays } = this.config.prelist;
    const due = prelistDueSql(String(verificationDays), String(muskelDays));
    const current = cycleFor(new Date(), this.config.prelist.determinationDates);
    const counted = countedCycleSql('$1');
    const [stages, overdue, cycles]: [
      { status: PrelistStatus; n: number; overdue: number }[],
      { id: string; kelurahan_code: string; status: PrelistStatus; due_at: Date }[],
      { cycle: string; status: PrelistStatus; n: number; carried: number }[],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT e.status, count(*)::int AS n,
                count(*) FILTER (WHERE ${due} < now())::int AS overdue
           FROM prelist_entries e GROUP BY e.status`,
      ),
      this.dataSource.query(
        `SELECT e.id, e.kelurahan_code, e.status, ${due} AS due_at
           FROM prelist_entries e WHERE ${due} < now()
          ORDER BY due_at, e.id LIMIT ${LISTED_OVERDUE}`,
      ),
      this.dataSource.query(
        `SELECT to_char(${counted}, 'YYYY-MM-DD') AS cycle, e.status, count(*)::int AS n,
                count(*) FILTER (WHERE ${counted} <> e.cycle_id)::int AS carried
           FROM prelist_entries e GROUP BY 1, 2`,
        [current.id],
      ),
    ]);
    const byCycle = new Map<string, PrelistCycleFiguresDto>([
      [current.id, { ...current, current: true, byStage: {}, carriedOver: 0 }],
    ]);
    for (const row of cycles) {
      const cycle = byCycle.get(row.cycle) ?? {
        ...cycleOf(row.cycle),
        current: false,
        byStage: {},
        carriedOver: 0,
      };
      cycle.byStage[row.status] = row.n;
      cycle.carriedOver += row.carried;
      byCycle.set(row.cycle, cycle);
    }
    const byStage = Object.fromEntries(PRELIST_STATUSES.map((s) => [s, 0])) as Record<
      PrelistStatus,
      number
    >;
    const overdueByStage: Partial<Record<PrelistStatus, number>> = {};
    for (const row of stages) {
      byStage[row.status] = row.n;
      if (row.overdue) overdueByStage[row.status] = row.overdue;
    }
    return {
      asOf: new Date().toISOString(),
      byCycle: [...byCycle.values()].sort((a, b) => a.id.localeCompare(b.id)),
      byStage,
      overdue: {
        total: stages.reduce((sum, row) => sum + row.overdue, 0),
        byStage: overdueByStage,
        entries: overdue.map((row) => ({
          id: row.id,
          kelurahanCode: row.kelurahan_code,
          status: row.status,
          dueAt: row.due_at.toISOString(),
        })),
      },
    };
  }
}
