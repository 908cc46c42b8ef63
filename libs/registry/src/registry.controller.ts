import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiSignedInErrors, readUpload, Roles, uploadToDisk } from '@crm/core';
import { ImportReport } from './import/registry-importer';
import { RegistryImports } from './import/registry-imports';

/** A registry file may be large: it goes to a temporary file, never into memory. */
const MAX_FILE_BYTES = 2 * 1024 ** 3;

@ApiTags('registry')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1/registry')
export class RegistryController {
  constructor(private readonly imports: RegistryImports) {}

  /** Imports a P3KE/DTKS CSV (multipart field `file`; columns in docs/registry.md). */
  @Post('imports')
  @Roles('admin', 'diskominfo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'A P3KE/DTKS registry file (CSV; header and columns in docs/registry.md)',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses([400, 413, 415], {
    400: "REGISTRY_HEADER: no file, or a header other than the registry's",
    413: 'The file is over its limit',
    415: 'The body is not multipart/form-data',
  })
  @UseInterceptors(FileInterceptor('file', uploadToDisk(MAX_FILE_BYTES)))
  import(@UploadedFile() file: Express.Multer.File | undefined): Promise<ImportReport> {
    return readUpload(file, (input) => this.imports.import(input));
  }
}
