import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { Command, CommandContext, ComplaintIdParam, etagOf } from '@crm/tickets';
import { RegistryCheckDto } from './registry-check.dto';
import { RegistryCheckOutcome, RegistryCheckService } from './registry-check.service';

@ApiTags('not yet in the database')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiJsonBodyErrors()
@ApiErrorResponses([404, 409], {
  404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  409: 'The ticket is closed, or VERSION_CONFLICT (changed since If-Match)',
})
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
