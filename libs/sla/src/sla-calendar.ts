import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AuditActor,
  Holiday,
  ReferenceAudit,
  ReferenceCache,
  ReferenceChanges,
} from '@crm/reference';
import { SlaPolicy } from './sla-policy';
import { SlaRule } from './sla-rule.entity';

/** How stale rules and holidays may get when a change notice is missed (ReferenceChanges). */
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
    private readonly audit: ReferenceAudit,
    changes: ReferenceChanges,
  ) {
    changes.onChange(() => this.invalidate());
  }

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

  /** Adds a rule or replaces the one for the same clock, unit type and category; audited. */
  async setRule(rule: Omit<SlaRule, 'id'>, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const scope = { clock: rule.clock, unitType: rule.unitType, categoryCode: rule.categoryCode };
      const before = await manager.findOne(SlaRule, {
        where: scope,
        lock: { mode: 'pessimistic_write' },
      });
      // A copy: upsert writes the row's generated id into what it is given.
      await manager
        .getRepository(SlaRule)
        .upsert({ ...rule }, ['clock', 'unitType', 'categoryCode']);
      await this.audit.record(
        manager,
        {
          entity: 'sla-rule',
          entityId: `${rule.clock}/${rule.unitType}/${rule.categoryCode}`,
          before: before && {
            clock: before.clock,
            unitType: before.unitType,
            categoryCode: before.categoryCode,
            amount: before.amount,
            measure: before.measure,
            legalBasis: before.legalBasis,
          },
          after: { ...rule },
        },
        actor,
      );
    });
    this.invalidate();
  }

  /** Forget the cached rules and holidays (an admin's edit in this instance). */
  invalidate(): void {
    this.loadedAt = 0;
  }
}
