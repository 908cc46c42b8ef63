import { Controller, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import * as os from 'node:os';
import { diskStorage } from 'multer';
import { DataSource } from 'typeorm';
import { ApiError, PiiCipher, Roles } from '@crm/core';
import { RegionDirectory } from '@crm/reference';
import { ImportReport, RegistryHeaderError, RegistryImporter } from './import/registry-importer';

/** A registry file may be large: it goes to a temporary file, never into memory. */
const MAX_FILE_BYTES = 2 * 1024 ** 3;

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/registry')
export class RegistryController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly regions: RegionDirectory,
  ) {}

  /** Imports a P3KE/DTKS CSV (multipart field `file`; columns in docs/registry.md). */
  @Post('imports')
  @Roles('admin', 'diskominfo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(
    FileInterceptor('file', {
      storage: diskStorage({ destination: os.tmpdir() }),
      limits: { fileSize: MAX_FILE_BYTES, files: 1 },
    }),
  )
  async import(@UploadedFile() file: Express.Multer.File | undefined): Promise<ImportReport> {
    if (!file) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'file: a CSV file is required',
        [{ field: 'file', problem: 'is required' }],
      );
    }
    try {
      const kelurahan = new Set(this.regions.list('kelurahan').map((region) => region.code));
      return await new RegistryImporter(this.dataSource, this.pii, kelurahan).import(
        createReadStream(file.path),
      );
    } catch (error) {
      if (error instanceof RegistryHeaderError) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'REGISTRY_HEADER', error.message);
      }
      throw error;
    } finally {
      await unlink(file.path).catch(() => undefined);
    }
  }
}
