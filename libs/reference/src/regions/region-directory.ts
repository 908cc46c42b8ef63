import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AddressMatch, AddressMatcher } from './address-matcher';
import { LabelPoint, labelPoint } from './label-point';
import { KelurahanIndex, Placement } from './locate/kelurahan-index';
import { Region, RegionLevel } from './region.entity';

/** A placed point with its kelurahan and the kecamatan and kota above it. */
export interface LocatedPlace extends Placement {
  kelurahan: Region;
  kecamatan: Region;
  kota: Region;
}

/**
 * The administrative regions held in memory: 318 rows that change only with a new boundary
 * release (through the seed at start), read on nearly every request that touches a place.
 */
@Injectable()
export class RegionDirectory implements OnModuleInit {
  private byCode = new Map<string, Region>();
  private labelPoints = new Map<string, LabelPoint>();
  private index?: KelurahanIndex;
  private addresses?: AddressMatcher;

  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const all = await this.regions.find({ order: { code: 'ASC' } });
    this.byCode = new Map(all.map((region) => [region.code, region]));
    this.labelPoints = new Map(
      all
        .filter((region) => region.geometry)
        .map((region) => [region.code, labelPoint(region.geometry!)]),
    );
    this.index = new KelurahanIndex(
      all
        .filter((region) => region.level === 'kelurahan' && region.geometry)
        .map((region) => ({ code: region.code, geometry: region.geometry! })),
    );
    this.addresses = undefined;
  }

  /** The kelurahan an address text names, if exactly one (see AddressMatcher for the rules). */
  matchAddress(address: string): AddressMatch {
    this.addresses ??= new AddressMatcher(
      (['kota', 'kecamatan', 'kelurahan'] as const).flatMap((level) => this.list(level)),
    );
    return this.addresses.match(address);
  }

  /** The kelurahan for a WGS84 point (see KelurahanIndex for the rules), or null. */
  locate(lat: number, lon: number): LocatedPlace | null {
    const placement = this.index?.locate(lat, lon);
    if (!placement) return null;
    const kelurahan = this.byCode.get(placement.code)!;
    const { kecamatan, kota } = this.ancestors(placement.code);
    return { ...placement, kelurahan, kecamatan: kecamatan!, kota: kota! };
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  /**
   * The point that stands for a kelurahan (inside its boundary; see labelPoint), for what must
   * show the kelurahan without the exact place; undefined for a region without a boundary.
   */
  centre(code: string): LabelPoint | undefined {
    return this.labelPoints.get(code);
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
