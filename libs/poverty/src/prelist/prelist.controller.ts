import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  CurrentPrincipal,
  Page,
  PageQuery,
  Principal,
  readUpload,
  Roles,
  uploadToDisk,
} from '@crm/core';
import {
  Matriks3Scope,
  MuskelDto,
  MuskelHouseholdDto,
  PrelistEntryDto,
  PrelistEntryIdParam,
  PrelistExportDto,
  PrelistExportIdParam,
  PrelistQuery,
  VerificationDto,
} from './prelist.dto';
import { FeedbackReport, PrelistService } from './prelist.service';

/** Sends a Matriks 3 file; set once it is ready, so that an error is still sent as JSON. */
function asMatriks3File(res: Response, name: string, csv: string): string {
  res.type('text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  return csv;
}

const requestIdOf = (req: Request) => (req.id === undefined ? null : String(req.id));

@ApiTags('not yet in the database')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/prelist')
export class PrelistController {
  constructor(private readonly prelist: PrelistService) {}

  /**
   * Entries (emergencies first); a verifier sees its agency's tasks only, a kelurahan's staff
   * their kelurahan's households only.
   */
  @Get()
  @Roles('diskominfo', 'verifier', 'unit')
  list(
    @Query() query: PrelistQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<PrelistEntryDto>> {
    return this.prelist.list(query, principal);
  }

  /**
   * Matriks 3 of the entries eligible now, all or one kelurahan's (full NIKs; logged). A read: it
   * marks nothing as sent — `POST /api/v1/prelist/exports` does.
   */
  @Get('export.csv')
  @Roles('diskominfo')
  @ApiProduces('text/csv')
  async export(
    @Query() { kelurahan }: Matriks3Scope,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const name = kelurahan ? `matriks-3-${kelurahan}.csv` : 'matriks-3.csv';
    return asMatriks3File(
      res,
      name,
      await this.prelist.currentMatriks3(principal, requestIdOf(req), kelurahan),
    );
  }

  /** Sends the eligible entries, all or one kelurahan's, for ranking as a new export batch. */
  @Post('exports')
  @ApiJsonBodyErrors()
  @Roles('diskominfo')
  createExport(
    @Body() { kelurahan }: Matriks3Scope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrelistExportDto> {
    return this.prelist.createExport(principal, kelurahan);
  }

  /** The export batches, newest first. */
  @Get('exports')
  @Roles('diskominfo')
  listExports(@Query() query: PageQuery): Promise<Page<PrelistExportDto>> {
    return this.prelist.listExports(query);
  }

  /** An export batch's Matriks 3, as often as needed (full NIKs; each download logged). */
  @Get('exports/:id.csv')
  @ApiErrorResponses([404])
  @Roles('diskominfo')
  @ApiProduces('text/csv')
  async downloadExport(
    @Param() { id }: PrelistExportIdParam,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return asMatriks3File(
      res,
      `matriks-3-${id}.csv`,
      await this.prelist.batchMatriks3(id, principal, requestIdOf(req)),
    );
  }

  /** The ranking's feedback: CSV `nik,ditetapkan` (multipart field `file`, at most 20 MB). */
  @Post('feedback')
  @HttpCode(200)
  @Roles('diskominfo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: "The ranking's feedback, CSV with the header `nik,ditetapkan` (`Ya`/`Tidak`)",
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'nik,ditetapkan' } },
    },
  })
  @ApiErrorResponses([400, 413, 415], {
    400: 'FEEDBACK_UNREADABLE: no file, or not a CSV with the header nik,ditetapkan',
    413: 'The file is over 20 MB',
    415: 'The body is not multipart/form-data',
  })
  @UseInterceptors(FileInterceptor('file', uploadToDisk(20 * 1024 ** 2)))
  feedback(@UploadedFile() file: Express.Multer.File | undefined): Promise<FeedbackReport> {
    return readUpload(file, (input) => this.prelist.importFeedback(input));
  }

  /**
   * A household the Musyawarah Kelurahan adds (75/2023 §3.1.3.4.g), eligible by its decision and
   * due for re-verification by the authorised officers (§3.1.3.4.h).
   */
  @Post()
  @ApiJsonBodyErrors()
  @ApiErrorResponses([403, 409], {
    403: "FORBIDDEN for another role; ACTION_NOT_ALLOWED for another kelurahan's household",
    409: 'ALREADY_PRELISTED: the household is already open on the prelist',
  })
  @Roles('diskominfo', 'unit')
  addHousehold(
    @Body() body: MuskelHouseholdDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrelistEntryDto> {
    return this.prelist.addHousehold(body, principal);
  }

  /**
   * The caller's agency records its verification of the entry; after the Musyawarah, its
   * re-verification (§3.1.3.4.h), until the entry is sent.
   */
  @Post(':id/verifications')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([403, 404, 409], {
    403: "FORBIDDEN for another role; ACTION_NOT_ALLOWED when the token's unit is not dppapp, dinsos or disdukcapil",
    404: "PRELIST_ENTRY_NOT_FOUND: unknown, or not the caller's to see",
    409: 'INVALID_TRANSITION: verification is closed',
  })
  @HttpCode(200)
  @Roles('verifier')
  verify(
    @Param() { id }: PrelistEntryIdParam,
    @Body() body: VerificationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrelistEntryDto> {
    return this.prelist.verify(id, body, principal);
  }

  /** The Musyawarah Kelurahan's decision on eligibility. */
  @Post(':id/muskel')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([404, 409], {
    404: "PRELIST_ENTRY_NOT_FOUND: unknown, or another kelurahan's household",
    409: 'INVALID_TRANSITION: only from diverifikasi',
  })
  @HttpCode(200)
  @Roles('diskominfo', 'unit')
  muskel(
    @Param() { id }: PrelistEntryIdParam,
    @Body() body: MuskelDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrelistEntryDto> {
    return this.prelist.muskel(id, body, principal);
  }
}
