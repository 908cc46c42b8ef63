import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@crm/core';

export const REGISTRY_RESULTS = [
  'registered_receiving',
  'registered_not_receiving',
  'not_registered',
] as const;
export type RegistryResult = (typeof REGISTRY_RESULTS)[number];

export interface RegistryMatch {
  result: RegistryResult;
  /**
   * The person found, without NIK, KK or the registry row's own (enumerable) id: what the check
   * needs to route the complaint.
   */
  person: {
    p3keFamilyId: string;
    p3keIndividualId: string;
    kelurahanCode: string;
    decile: number | null;
    centralProgrammes: string[];
    regionalProgrammes: string[];
  } | null;
}

/** Is this NIK in the P3KE registry, and does its holder receive a programme? (by keyed hash) */
@Injectable()
export class RegistryLookup {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  async check(nik: string): Promise<RegistryMatch> {
    const rows: {
      p3ke_family_id: string;
      p3ke_individual_id: string;
      kelurahan_code: string;
      decile: number | null;
      central_programmes: string[];
      regional_programmes: string[];
    }[] = await this.dataSource.query(
      `SELECT p3ke_family_id, p3ke_individual_id, kelurahan_code, decile,
              central_programmes, regional_programmes
         FROM registry_people WHERE nik_hash = $1 ORDER BY updated_at DESC LIMIT 1`,
      [this.pii.lookupHash(nik)],
    );
    const [row] = rows;
    if (!row) return { result: 'not_registered', person: null };
    const receiving = row.central_programmes.length + row.regional_programmes.length > 0;
    return {
      result: receiving ? 'registered_receiving' : 'registered_not_receiving',
      person: {
        p3keFamilyId: row.p3ke_family_id,
        p3keIndividualId: row.p3ke_individual_id,
        kelurahanCode: row.kelurahan_code,
        decile: row.decile,
        centralProgrammes: row.central_programmes,
        regionalProgrammes: row.regional_programmes,
      },
    };
  }
}
