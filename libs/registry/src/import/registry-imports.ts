import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ApiError, PiiCipher } from '@crm/core';
import { RegionDirectory } from '@crm/reference';
import { ImportReport, RegistryHeaderError, RegistryImporter } from './registry-importer';

/** An uploaded registry file, imported against Jakarta's kelurahan (docs/registry.md). */
@Injectable()
export class RegistryImports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly regions: RegionDirectory,
  ) {}

  async import(input: Readable): Promise<ImportReport> {
    const kelurahan = new Set(this.regions.list('kelurahan').map((region) => region.code));
    try {
      return await new RegistryImporter(this.dataSource, this.pii, kelurahan).import(input);
    } catch (error) {
      if (error instanceof RegistryHeaderError) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'REGISTRY_HEADER', error.why);
      }
      throw error;
    }
  }
}
