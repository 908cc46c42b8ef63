import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  jakartaIso,
  Principal,
  Roles,
} from '@crm/core';
import { ComplaintFilters } from './complaint-list.dto';
import { ComplaintExport } from './complaint-export';

@ApiTags('desk')
@Controller('api/v1')
export class ComplaintExportController {
  constructor(private readonly exports: ComplaintExport) {}

  /**
   * The list as CSV, with the list's filters and scope (docs/desk.md): no personal data, and no
   * cell a spreadsheet would run as a formula. At most 100,000 tickets (else 400
   * EXPORT_TOO_LARGE: narrow the filters)
   */
  @Get('complaints.csv')
  @Roles('diskominfo', 'unit', 'admin')
  @ApiBearerAuth()
  @ApiSignedInErrors()
  @ApiErrorResponses([400], { 400: 'VALIDATION_FAILED: a wrong filter; EXPORT_TOO_LARGE' })
  @ApiProduces('text/csv')
  async csv(
    @Query() query: ComplaintFilters,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ): Promise<void> {
    // Refused before the first byte, so that the refusal is still the JSON error.
    await this.exports.check(query, principal);
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="pengaduan-${jakartaIso(Math.floor(Date.now() / 1000)).slice(0, 10)}.csv"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      for await (const chunk of this.exports.csv(query, principal)) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      // Past the first byte no error body can follow: the cut connection tells the client.
      res.destroy(error as Error);
      throw error;
    }
  }
}
