import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
  Res,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiError, CurrentPrincipal, Page, Principal, Roles } from '@crm/core';
import {
  Matriks3Query,
  MuskelDto,
  PrelistEntryDto,
  PrelistEntryIdParam,
  PrelistQuery,
  VerificationDto,
} from './prelist.dto';
import { FeedbackReport, PrelistService } from './prelist.service';

@ApiTags('not yet in the database')
@ApiBearerAuth()
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
   * Matriks 3 of the eligible entries, all or one kelurahan's (full NIKs; logged); marks them as
   * sent for ranking.
   */
  @Get('export.csv')
  @Roles('diskominfo')
  @ApiProduces('text/csv')
  async export(
    @Query() query: Matriks3Query,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.prelist.exportMatriks3(
      principal,
      req.id === undefined ? null : String(req.id),
      query.kelurahan,
    );
    // Set once the export succeeded, so that an error is still sent as JSON.
    res.type('text/csv; charset=utf-8');
    const name = query.kelurahan ? `matriks-3-${query.kelurahan}.csv` : 'matriks-3.csv';
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return csv;
  }

  /** The ranking's feedback: CSV `nik,ditetapkan` (multipart field `file`, at most 20 MB). */
  @Post('feedback')
  @HttpCode(200)
  @Roles('diskominfo')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 ** 2, files: 1 } }))
  feedback(@UploadedFile() file: Express.Multer.File | undefined): Promise<FeedbackReport> {
    if (!file) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'file: a CSV file is required',
        [{ field: 'file', problem: 'is required' }],
      );
    }
    return this.prelist.importFeedback(file.buffer);
  }

  /** The caller's agency records its verification of the entry. */
  @Post(':id/verifications')
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
