import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Principal,
  Roles,
} from '@crm/core';
import { ownFigures } from './dashboard-scope';
import { QuarterlyQuery, RegionsQuery, SummaryQuery } from './dashboard-query.dto';
import { DashboardService, Quarterly, Summary } from './dashboard.service';

/** `Cache-Control: no-cache` asks for figures read from the database just now. */
const wantsFresh = (cacheControl?: string) => /no-cache|max-age=0/i.test(cacheControl ?? '');

/**
 * Aggregated figures for Diskominfo's CRM dashboard and the TKPK: counts only, never a
 * complaint's content or a person's data. Each answer says how fresh it is (`asOf`, at most 60 s
 * old). A unit reads the summary and the regions of what is its own (dashboard-scope.ts); the
 * quarterly report is the province's, for the dashboard, Diskominfo and admins.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400, 503], {
  400: 'VALIDATION_FAILED for a wrong filter; UNKNOWN_REGION for a region code that does not exist',
  503: 'DASHBOARD_UNAVAILABLE: the database cannot be read (never stale figures); see Retry-After',
})
@ApiHeader({ name: 'Cache-Control', required: false, description: 'no-cache: read changes first' })
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Counts by status, channel, category and kota; open, overdue; SLA compliance; times; trend */
  @Get('summary')
  @Roles('dashboard', 'diskominfo', 'admin', 'unit')
  summary(
    @Query() query: SummaryQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<Summary> {
    return this.dashboard.summary(ownFigures(query, principal), wantsFresh(cacheControl));
  }

  /** Every region of a level with total, open and overdue; `format=geojson` for maps */
  @Get('regions')
  @Roles('dashboard', 'diskominfo', 'admin', 'unit')
  @ApiProduces('application/json', 'application/geo+json')
  async regions(
    @Query() asked: RegionsQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<unknown> {
    const query = ownFigures(asked, principal);
    if (query.format !== 'geojson') {
      return this.dashboard.regionsReport(query, wantsFresh(cacheControl));
    }
    const { body, etag } = await this.dashboard.regionsGeoJson(query, wantsFresh(cacheControl));
    // Set once the answer is ready, so that an error is still sent as JSON.
    res.setHeader('ETag', etag);
    return new StreamableFile(body, {
      type: 'application/geo+json; charset=utf-8',
      length: body.length,
    });
  }

  /** The TKPK quarterly complaint summary (Triwulan I = January–March) */
  @Get('quarterly')
  @Roles('dashboard', 'diskominfo', 'admin')
  quarterly(
    @Query() query: QuarterlyQuery,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<Quarterly> {
    return this.dashboard.quarterly(query, wantsFresh(cacheControl));
  }

  /** The quarterly table as CSV, one row per region × category × channel */
  @Get('quarterly.csv')
  @Roles('dashboard', 'diskominfo', 'admin')
  @ApiProduces('text/csv')
  async quarterlyCsv(
    @Query() query: QuarterlyQuery,
    @Res({ passthrough: true }) res: Response,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<string> {
    const report = await this.dashboard.quarterly(query, wantsFresh(cacheControl));
    // Set here, not by decorator, so that an error before this point is still sent as JSON.
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="tkpk-pengaduan-${query.year}-triwulan-${report.triwulan}.csv"`,
    );
    res.setHeader('X-Data-As-Of', report.asOf);
    return this.dashboard.quarterlyCsv(report);
  }
}
