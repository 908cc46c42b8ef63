import { addWorkingDays } from './working-days';

const HOUR_MS = 3_600_000;

export type SlaClock = 'forward' | 'respond' | 'coordinate' | 'resolve' | 'validate';

/** One deadline rule: how long a clock runs for a unit type (and maybe one category). */
export interface SlaRuleSpec {
  clock: string;
  unitType: string;
  /** A category code, or `*` for every category. */
  categoryCode: string;
  amount: number;
  measure: 'hours' | 'days' | 'working_days';
}

/** What the policy needs to know of a unit. */
export interface UnitFacts {
  type: string;
  parentCode: string | null;
}

/** The clocks a ticket carries after a step. */
export interface Clocks {
  slaClock: SlaClock | null;
  dueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** What the policy reads of a ticket. */
export interface ClockedTicket {
  status: string;
  assignedUnitCode: string | null;
  categoryCode: string | null;
  dueAt: Date | null;
  slaClock: string | null;
  resolutionDueAt: Date | null;
  emergency: boolean;
}

/**
 * An emergency (flow 4, step 6: "penanganan segera") is handled within a day by whichever unit
 * holds it, from its first assignment — accepting it does not buy more time. 75/2023 sets no
 * number; 24 hours is the lurah's follow-up time of SE Sekda 61/2018, chosen here (a local decision).
 */
export const EMERGENCY_HOURS = 24;

const AGENCY_TYPES: ReadonlySet<string> = new Set(['pd', 'ukpd', 'bumd']);
const REGIONAL_TYPES: ReadonlySet<string> = new Set(['kelurahan', 'kecamatan', 'kota']);
const HELD: ReadonlySet<string> = new Set(['disposisi', 'proses', 'tl_ditolak']);

/**
 * Which deadline runs in each status — a pure function of the rules (`sla_rules`), the holiday
 * calendar and the units, loaded beforehand by SlaCalendar (docs/lifecycle.md has the table):
 * - waiting for Diskominfo (`menunggu`): forward within 3 working days;
 * - with a kelurahan/kecamatan/kota office (`disposisi`, `proses`, `tl_ditolak`): follow up
 *   within 24 hours of the assignment (or of the rejected follow-up);
 * - with an agency: coordinate (accept) within 6 hours, resolve within 7 days of its first
 *   assignment — a re-route restarts the 6 hours, never the 7 days;
 * - an emergency, with whichever unit: EMERGENCY_HOURS from its first assignment;
 * - awaiting validation: Diskominfo validates within 3 working days;
 * - closed: no clock.
 */
export class SlaPolicy {
  constructor(
    private readonly rules: readonly SlaRuleSpec[],
    private readonly holidays: ReadonlySet<string>,
    private readonly units: ReadonlyMap<string, UnitFacts>,
  ) {}

  /** The clocks for `ticket` as it is now (after a step taken at `now` from `previousStatus`). */
  clocksAfter(ticket: ClockedTicket, previousStatus: string | null, now: Date): Clocks {
    const category = ticket.categoryCode ?? '*';
    const keep = { resolutionDueAt: ticket.resolutionDueAt };
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
        return { slaClock: null, dueAt: null, ...keep };
    }
    if (ticket.emergency && HELD.has(ticket.status)) {
      const dueAt = ticket.resolutionDueAt ?? new Date(now.getTime() + EMERGENCY_HOURS * HOUR_MS);
      return { slaClock: 'respond', dueAt, resolutionDueAt: dueAt };
    }
    const holderType = ticket.assignedUnitCode
      ? this.units.get(ticket.assignedUnitCode)?.type
      : undefined;
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
  again(
    ticket: Pick<ClockedTicket, 'slaClock' | 'assignedUnitCode' | 'categoryCode' | 'status'>,
    now: Date,
  ): Date | null {
    if (!ticket.slaClock) return null;
    const reviewing = ticket.status === 'menunggu' || ticket.status === 'menunggu_validasi';
    const type = reviewing
      ? 'diskominfo'
      : ticket.assignedUnitCode
        ? this.units.get(ticket.assignedUnitCode)?.type
        : undefined;
    if (!type) return null;
    return this.deadline(ticket.slaClock as SlaClock, type, ticket.categoryCode ?? '*', now);
  }

  /** The unit a missed deadline escalates to: one level up, or Diskominfo above the regions. */
  /** The instant `days` working days after `from` on this calendar (a window, not a clock). */
  workingDaysAfter(from: Date, days: number): Date {
    return addWorkingDays(from, days, this.holidays);
  }

  escalationTarget(holder: string | null): string {
    const unit = holder ? this.units.get(holder) : undefined;
    if (unit && (unit.type === 'kelurahan' || unit.type === 'kecamatan') && unit.parentCode) {
      return unit.parentCode;
    }
    return 'diskominfo';
  }
}
