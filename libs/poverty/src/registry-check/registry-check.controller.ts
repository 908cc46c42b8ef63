import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@crm/core';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsNik } from '@crm/identity';
import { Command, CommandContext, ComplaintIdParam, etagOf } from '@crm/tickets';
import { RegistryCheckOutcome, RegistryCheckService } from './registry-check.service';

class RegistryCheckDto {
  /** The reporter's NIK (required unless `withoutNik`) */
  @IsOptional()
  @IsNik()
  nik?: string;

  /** The reporter has no NIK: `not_registered` without a lookup (P3KE holds NIK-validated people only) */
  @IsOptional()
  @IsBoolean()
  withoutNik?: boolean;
}

@ApiTags('not yet in the database')
@ApiBearerAuth()
@Controller('api/v1/complaints/:id/registry-check')
export class RegistryCheckController {
  constructor(private readonly registryCheck: RegistryCheckService) {}

  /** Is the reporter in the P3KE registry, and receiving a programme? */
  @Post()
  @HttpCode(200)
  @Roles('diskominfo')
  async check(
    @Param() { id }: ComplaintIdParam,
    @Body() body: RegistryCheckDto,
    @Command() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegistryCheckOutcome> {
    const outcome = await this.registryCheck.check(id, body, context);
    res.setHeader('ETag', etagOf(outcome.version));
    return outcome;
  }
}
