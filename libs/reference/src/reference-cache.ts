import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Category } from './categories/category.entity';
import { Channel } from './channels/channel.entity';
import { ReferenceChanges } from './reference-changes';
import { Unit } from './units/unit.entity';

/**
 * How stale the cache may get when a change notice is missed (ReferenceChanges reloads it at
 * once on every change otherwise).
 */
const TTL_MS = 30_000;

/**
 * Units, categories and channels in memory for the hot paths (intake, ticket views): a few hundred rows
 * read on every request. Refreshed in the background once stale; the first call waits.
 */
@Injectable()
export class ReferenceCache {
  private units = new Map<string, Unit>();
  private categories = new Map<string, Category>();
  private channels = new Map<string, Channel>();
  /** Active branches of an agency by the region they serve: `dsda|31.71` → its Suku Dinas. */
  private branches = new Map<string, string>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    @InjectRepository(Unit) private readonly unitRepository: Repository<Unit>,
    @InjectRepository(Category) private readonly categoryRepository: Repository<Category>,
    @InjectRepository(Channel) private readonly channelRepository: Repository<Channel>,
    changes: ReferenceChanges,
  ) {
    changes.onChange(() => this.invalidate());
  }

  async unit(code: string): Promise<Unit | undefined> {
    await this.fresh();
    return this.units.get(code);
  }

  async category(code: string): Promise<Category | undefined> {
    await this.fresh();
    return this.categories.get(code);
  }

  async channel(code: string): Promise<Channel | undefined> {
    await this.fresh();
    return this.channels.get(code);
  }

  /**
   * Who a category's ticket goes to in a kelurahan: the programme owner, or — for a category
   * that routes to the Suku Dinas (`routeToSudin`) — the owner's active branch serving the
   * ticket's kecamatan or, failing that, its kota; the owner itself where it has none.
   */
  async ownerFor(
    category: Pick<Category, 'defaultUnitCode' | 'routeToSudin'>,
    kelurahanCode: string | null,
  ): Promise<string> {
    await this.fresh();
    const owner = category.defaultUnitCode;
    if (!category.routeToSudin || !kelurahanCode) return owner;
    const kecamatan = kelurahanCode.split('.').slice(0, 3).join('.');
    const kota = kelurahanCode.split('.').slice(0, 2).join('.');
    return (
      this.branches.get(`${owner}|${kecamatan}`) ?? this.branches.get(`${owner}|${kota}`) ?? owner
    );
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
    const [units, categories, channels] = await Promise.all([
      this.unitRepository.find(),
      this.categoryRepository.find(),
      this.channelRepository.find(),
    ]);
    this.units = new Map(units.map((unit) => [unit.code, unit]));
    this.categories = new Map(categories.map((category) => [category.code, category]));
    this.channels = new Map(channels.map((channel) => [channel.code, channel]));
    this.branches = new Map(
      units
        .filter((unit) => unit.active && unit.type === 'ukpd' && unit.parentCode && unit.regionCode)
        .map((unit) => [`${unit.parentCode}|${unit.regionCode}`, unit.code]),
    );
    this.loadedAt = Date.now();
  }
}
