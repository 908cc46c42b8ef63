import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Category } from './categories/category.entity';
import { Unit } from './units/unit.entity';

/** Admin edits reach every instance within this long. */
const TTL_MS = 30_000;

/**
 * Units and categories in memory for the hot paths (intake, ticket views): a few hundred rows
 * read on every request. Refreshed in the background once stale; the first call waits.
 */
@Injectable()
export class ReferenceCache {
  private units = new Map<string, Unit>();
  private categories = new Map<string, Category>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    @InjectRepository(Unit) private readonly unitRepository: Repository<Unit>,
    @InjectRepository(Category) private readonly categoryRepository: Repository<Category>,
  ) {}

  async unit(code: string): Promise<Unit | undefined> {
    await this.fresh();
    return this.units.get(code);
  }

  async category(code: string): Promise<Category | undefined> {
    await this.fresh();
    return this.categories.get(code);
  }

  /** Every unit's type and parent, by code (what deadlines and escalations need). */
  async unitFacts(): Promise<ReadonlyMap<string, { type: string; parentCode: string | null }>> {
    await this.fresh();
    return this.units;
  }

  /**
   * One unit as stored now, past the cache: for a value another instance may have just changed
   * and that must not be up to TTL_MS old where it is used (a unit's webhook).
   */
  storedUnit(code: string): Promise<Unit | null> {
    return this.unitRepository.findOneBy({ code });
  }

  /** Forget everything, e.g. after an admin edit in this instance. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    if (this.loadedAt === 0) await this.loading;
  }

  private async load(): Promise<void> {
    const [units, categories] = await Promise.all([
      this.unitRepository.find(),
      this.categoryRepository.find(),
    ]);
    this.units = new Map(units.map((unit) => [unit.code, unit]));
    this.categories = new Map(categories.map((category) => [category.code, category]));
    this.loadedAt = Date.now();
  }
}
