import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  CurrentPrincipal,
  Page,
  PageQuery,
  Principal,
  Roles,
} from '@crm/core';
import { RevealDto } from './pii-reveal.dto';
import { PiiRevealService } from './pii-reveal.service';
import { PiiAccessDto } from './pii-access.entity';

/**
 * The audited reveal of a full NIK, KK number or phone number (who may read what: see
 * PiiRevealService), and the access log admins read. Everywhere else these values are masked.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/pii')
export class PiiRevealController {
  constructor(private readonly reveals: PiiRevealService) {}

  @Post('reveal')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([403, 404, 429], {
    403: 'FORBIDDEN for another role; ACTION_NOT_ALLOWED for a subject or field the caller may not reveal',
    404: "No such value, or not the caller's to see",
    429: 'REVEAL_LIMIT_REACHED: PII_REVEAL_LIMIT values an hour; see Retry-After',
  })
  @HttpCode(200)
  @Roles('diskominfo', 'verifier')
  reveal(
    @Body() body: RevealDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<{ value: string }> {
    return this.reveals.reveal(body, principal, req.id === undefined ? null : String(req.id));
  }

  /** Who read which personal data, and why (newest first). */
  @Get('access-log')
  @Roles('admin')
  log(@Query() query: PageQuery): Promise<Page<PiiAccessDto>> {
    return this.reveals.accessLog(query);
  }
}
