import { Controller, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, PiiCipher, readUpload, Roles, uploadToDisk } from '@crm/core';
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
  @UseInterceptors(FileInterceptor('file', uploadToDisk(MAX_FILE_BYTES)))
  import(@UploadedFile() file: Express.Multer.File | undefined): Promise<ImportReport> {
    return readUpload(file, async (input) => {
      const kelurahan = new Set(this.regions.list('kelurahan').map((region) => region.code));
      try {
        return await new RegistryImporter(this.dataSource, this.pii, kelurahan).import(input);
      } catch (error) {
        if (error instanceof RegistryHeaderError) {
          throw new ApiError(HttpStatus.BAD_REQUEST, 'REGISTRY_HEADER', error.message);
        }
        throw error;
      }
    });
  }
}
