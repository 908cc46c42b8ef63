import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  languageOf,
  Roles,
} from '@crm/core';
import { Command, CommandContext } from '@crm/tickets';
import { BulkValidation } from './bulk-validation';
import { BulkValidationAnswerDto, BulkValidationDto } from './desk.dto';

/** Validating many follow-ups at once (docs/api.md, "The desk"). */
@ApiTags('desk')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1/validations')
export class ValidationsController {
  constructor(private readonly bulk: BulkValidation) {}

  /**
   * One result per item, in order: each checked, versioned and saved as a single validation
   * (`POST /api/v1/complaints/{id}/validation` with `If-Match`) would be. 200 even when items were
   * refused: each says why, in the API's error shape
   */
  @Post()
  @HttpCode(200)
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400], { 400: 'VALIDATION_FAILED: no items, over 100, or a malformed item' })
  @Roles('diskominfo', 'admin')
  validate(
    @Body() body: BulkValidationDto,
    @Command() command: CommandContext,
    @Req() req: Request,
  ): Promise<BulkValidationAnswerDto> {
    return this.bulk.run(body.items, command, languageOf(req));
  }
}
