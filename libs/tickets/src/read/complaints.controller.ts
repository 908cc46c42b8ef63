import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Page,
  Principal,
  Public,
  Roles,
} from '@crm/core';
import { ComplaintIdParam } from '../http/complaint-id.param';
import { etagOf } from '../http/etag';
import { TrackingNumberParam } from '../http/tracking-number.param';
import { ComplaintDetailDto, ComplaintDto, HistoryEventDto, TrackingDto } from './complaint.dto';
import { ComplaintListQuery } from './complaint-list.dto';
import { TicketReader } from './ticket-reader';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ComplaintsController {
  constructor(private readonly reader: TicketReader) {}

  /** Public status for the reporter: no personal data and no content. */
  @Get('track/:trackingNumber')
  @ApiErrorResponses([400, 404, 429], {
    400: 'VALIDATION_FAILED: not shaped JKT-XXXX-XXXX-XXXX',
    404: 'COMPLAINT_NOT_FOUND',
  })
  @Public('Reporters follow their complaint with the unguessable tracking number alone')
  track(@Param() { trackingNumber }: TrackingNumberParam): Promise<TrackingDto> {
    return this.reader.track(trackingNumber);
  }

  /** The tickets the caller may see, newest first, filtered (docs/api.md, "Handling"). */
  @Get()
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  @ApiSignedInErrors()
  @ApiErrorResponses([400])
  list(
    @Query() query: ComplaintListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ComplaintDto>> {
    return this.reader.list(query, principal);
  }

  /**
   * One ticket with its history, dispositions and follow-ups, if the caller may see it (404
   * otherwise, so existence does not leak). `ETag` carries the version for `If-Match`.
   */
  @Get(':id')
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  @ApiSignedInErrors()
  @ApiErrorResponses([400, 404], {
    404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  })
  async get(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const detail = await this.reader.detail(id, principal);
    res.setHeader('ETag', etagOf(detail.version));
    return detail;
  }

  /** The ticket's history alone: every event, oldest first. */
  @Get(':id/history')
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  @ApiSignedInErrors()
  @ApiErrorResponses([400, 404], {
    404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  })
  history(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryEventDto[]> {
    return this.reader.history(id, principal);
  }
}
