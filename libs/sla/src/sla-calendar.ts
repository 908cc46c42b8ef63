import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Holiday, ReferenceCache } from '@crm/reference';
import { SlaPolicy } from './sla-policy';
import { SlaRule } from './sla-rule.entity';

/** Edits to rules and holidays reach every instance within this long. */
const TTL_MS = 30_000;

/**
 * Loads what the deadline policy reads — the rules, the holiday calendar and the units — and
 * hands out a pure SlaPolicy over them. The only I/O of deadlines: the policy itself is tested
 * on its own (sla-policy.spec.ts).
 */
@Injectable()
export class SlaCalendar {
  private rules: SlaRule[] = [];
  private holidays = new Set<string>();
  private loadedAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
  ) {}

  async policy(): Promise<SlaPolicy> {
    if (Date.now() - this.loadedAt >= TTL_MS) {
      const [rules, holidays] = await Promise.all([
        this.dataSource.getRepository(SlaRule).find(),
        this.dataSource.getRepository(Holiday).find({ select: { date: true } }),
      ]);
      this.rules = rules;
      this.holidays = new Set(holidays.map((holiday) => holiday.date));
      this.loadedAt = Date.now();
    }
    return new SlaPolicy(this.rules, this.holidays, await this.reference.unitFacts());
  }

  /** Every rule, by clock, unit type and category. */
  listRules(): Promise<SlaRule[]> {
    return this.dataSource.getRepository(SlaRule).find({
      order: { clock: 'ASC', unitType: 'ASC', categoryCode: 'ASC' },
    });
  }

  /** Adds a rule or replaces the one for the same clock, unit type and category. */
  async setRule(rule: Omit<SlaRule, 'id'>): Promise<void> {
    // A copy: upsert writes the row's generated id into what it is given.
    await this.dataSource
      .getRepository(SlaRule)
      .upsert({ ...rule }, ['clock', 'unitType', 'categoryCode']);
    this.invalidate();
  }

  /** Forget the cached rules and holidays (an admin's edit in this instance). */
  invalidate(): void {
    this.loadedAt = 0;
  }
}
