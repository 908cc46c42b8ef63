import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Holiday, ReferenceCache } from '@crm/reference';
import { Complaint } from '../tickets/complaint.entity';
import { ComplaintStatus } from '../tickets/complaint-status';
import { SlaRule } from './sla-rule.entity';
import { addWorkingDays } from './working-days';

/** Edits to rules and holidays reach every instance within this long. */
const TTL_MS = 30_000;
const HOUR_MS = 3_600_000;

export type SlaClock = 'forward' | 'respond' | 'coordinate' | 'resolve' | 'validate';

/** The clocks a ticket carries after a step. */
export interface Clocks {
  slaClock: SlaClock | null;
  dueAt: Date | null;
  resolutionDueAt: Date | null;
}

const AGENCY_TYPES: ReadonlySet<string> = new Set(['pd', 'ukpd', 'bumd']);
const REGIONAL_TYPES: ReadonlySet<string> = new Set(['kelurahan', 'kecamatan', 'kota']);

/**
 * Which deadline runs in each status, from the rules in `sla_rules` and the holiday table
 * (docs/lifecycle.md has the table):
 * - waiting for Diskominfo (`menunggu`): forward within 3 working days;
 * - with a kelurahan/kecamatan/kota office (`disposisi`, `proses`, `tl_ditolak`): follow up
 *   within 24 hours of the assignment (or of the rejected follow-up);
 * - with an agency: coordinate (accept) within 6 hours, resolve within 7 days of its first
 *   assignment — a re-route restarts the 6 hours, never the 7 days;
 * - awaiting validation: Diskominfo validates within 3 working days;
 * - closed: no clock.
 */
@Injectable()
export class SlaPolicy {
  private rules: SlaRule[] = [];
  private holidays = new Set<string>();
  private loadedAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
  ) {}

  /** The clocks for `ticket` as it is now (after the step), the step happening at `now`. */
  async clocksAfter(
    ticket: Pick<
      Complaint,
      'status' | 'assignedUnitCode' | 'categoryCode' | 'dueAt' | 'slaClock' | 'resolutionDueAt'
    >,
    previousStatus: ComplaintStatus | null,
    now: Date,
  ): Promise<Clocks> {
    await this.fresh();
    const category = ticket.categoryCode ?? '*';
    const keep = { resolutionDueAt: ticket.resolutionDueAt };
    const holderType = ticket.assignedUnitCode
      ? (await this.reference.unit(ticket.assignedUnitCode))?.type
      : undefined;
    const clock = (name: SlaClock, type: string): Clocks => ({
      ...keep,
      slaClock: name,
      dueAt: this.deadline(name, type, category, now),
    });

    switch (ticket.status) {
      case 'menunggu':
        return clock('forward', 'diskominfo');
      case 'menunggu_validasi':
        return clock('validate', 'diskominfo');
      case 'selesai':
      case 'ditolak':
        return { slaClock: null, dueAt: null, resolutionDueAt: ticket.resolutionDueAt };
    }
    if (!holderType) return { slaClock: null, dueAt: null, ...keep };
    if (REGIONAL_TYPES.has(holderType)) {
      // The 24 hours run from the assignment (or a rejected follow-up) to the follow-up.
      if (ticket.status === 'proses' && previousStatus === 'disposisi' && ticket.dueAt) {
        return { slaClock: ticket.slaClock as SlaClock, dueAt: ticket.dueAt, ...keep };
      }
      return clock('respond', holderType);
    }
    if (AGENCY_TYPES.has(holderType)) {
      const resolutionDueAt =
        ticket.resolutionDueAt ?? this.deadline('resolve', holderType, category, now);
      if (ticket.status === 'disposisi') {
        return {
          slaClock: 'coordinate',
          dueAt: this.deadline('coordinate', holderType, category, now),
          resolutionDueAt,
        };
      }
      return { slaClock: 'resolve', dueAt: resolutionDueAt, resolutionDueAt };
    }
    return { slaClock: null, dueAt: null, ...keep };
  }

  /** The deadline of a clock for a unit type and category, or null when no rule applies. */
  deadline(clock: SlaClock, unitType: string, category: string, from: Date): Date | null {
    const rule =
      this.rules.find(
        (r) => r.clock === clock && r.unitType === unitType && r.categoryCode === category,
      ) ??
      this.rules.find(
        (r) => r.clock === clock && r.unitType === unitType && r.categoryCode === '*',
      );
    if (!rule) return null;
    switch (rule.measure) {
      case 'hours':
        return new Date(from.getTime() + rule.amount * HOUR_MS);
      case 'days':
        return new Date(from.getTime() + rule.amount * 24 * HOUR_MS);
      case 'working_days':
        return addWorkingDays(from, rule.amount, this.holidays);
    }
  }

  /** The same clock again from `now`, for the level a missed deadline escalated to. */
  async again(
    ticket: Pick<Complaint, 'slaClock' | 'assignedUnitCode' | 'categoryCode' | 'status'>,
    now: Date,
  ): Promise<Date | null> {
    await this.fresh();
    if (!ticket.slaClock) return null;
    const reviewing = ticket.status === 'menunggu' || ticket.status === 'menunggu_validasi';
    const type = reviewing
      ? 'diskominfo'
      : ticket.assignedUnitCode
        ? (await this.reference.unit(ticket.assignedUnitCode))?.type
        : undefined;
    if (!type) return null;
    return this.deadline(ticket.slaClock as SlaClock, type, ticket.categoryCode ?? '*', now);
  }

  /** The unit a missed deadline escalates to: one level up, or Diskominfo above the regions. */
  async escalationTarget(holder: string | null): Promise<string> {
    const unit = holder ? await this.reference.unit(holder) : undefined;
    if (unit && (unit.type === 'kelurahan' || unit.type === 'kecamatan') && unit.parentCode) {
      return unit.parentCode;
    }
    return 'diskominfo';
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    const [rules, holidays] = await Promise.all([
      this.dataSource.getRepository(SlaRule).find(),
      this.dataSource.getRepository(Holiday).find({ select: { date: true } }),
    ]);
    this.rules = rules;
    this.holidays = new Set(holidays.map((holiday) => holiday.date));
    this.loadedAt = Date.now();
  }

  /** Forget the cached rules and holidays (tests, admin edits in this instance). */
  invalidate(): void {
    this.loadedAt = 0;
  }
}
