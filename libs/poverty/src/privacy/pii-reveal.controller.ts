import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { CurrentPrincipal, Page, PageQuery, Principal, Roles, saying } from '@crm/core';
import {
  PiiRevealService,
  REVEAL_FIELDS,
  REVEAL_SUBJECTS,
  RevealRequest,
} from './pii-reveal.service';
import { PiiAccessDto } from './pii-access.entity';

class RevealDto implements RevealRequest {
  @IsIn(REVEAL_SUBJECTS)
  subject: RevealRequest['subject'];

  /** The ticket id (`complaint`; for `registry`, the ticket whose registry check found the person) or the prelist entry id */
  @IsString()
  @Length(1, 64)
  id: string;

  @IsIn(REVEAL_FIELDS)
  field: RevealRequest['field'];

  /** Why the full value is needed (at least 10 characters besides spaces); kept in the access log */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(
    10,
    500,
    saying(
      'tuliskan dalam 10 sampai 500 karakter mengapa data ini diperlukan',
      'must say in 10 to 500 characters why the value is needed',
    ),
  )
  reason: string;
}

/**
 * The audited reveal of a full NIK, KK number or phone number (who may read what: see
 * PiiRevealService), and the access log admins read. Everywhere else these values are masked.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/v1/pii')
export class PiiRevealController {
  constructor(private readonly reveals: PiiRevealService) {}

  @Post('reveal')
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
