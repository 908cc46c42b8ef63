import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Region, RegionLevel } from './region.entity';

/**
 * The administrative regions held in memory: 318 rows that change only with a new boundary
 * release (through the seed at start), read on nearly every request that touches a place.
 */
@Injectable()
export class RegionDirectory implements OnModuleInit {
  private byCode = new Map<string, Region>();

  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const all = await this.regions.find({ order: { code: 'ASC' } });
    this.byCode = new Map(all.map((region) => [region.code, region]));
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  list(level: RegionLevel): Region[] {
    return [...this.byCode.values()].filter((region) => region.level === level);
  }

  /** The kecamatan and kota a region lies in (itself included when it is one). */
  ancestors(code: string): { kecamatan?: Region; kota?: Region } {
    const result: { kecamatan?: Region; kota?: Region } = {};
    for (
      let region = this.byCode.get(code);
      region;
      region = this.byCode.get(region.parentCode ?? '')
    ) {
      if (region.level === 'kecamatan') result.kecamatan = region;
      if (region.level === 'kota') result.kota = region;
    }
    return result;
  }
}
