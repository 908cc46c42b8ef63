import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorResponses, ApiJsonBodyErrors, Public } from '@crm/core';
import { ReporterAnswers } from './reporter-answers';
import { DisputeDto, RatingDto, ReporterTokenParam, ReporterLinkViewDto } from './reporter.dto';

const LINK = 'The reporter’s link is their credential: an unguessable token from their notices';

/** The reporter answers through the link in their notices (docs/notifications.md). */
@ApiTags('reporter')
@ApiErrorResponses([400, 404, 429], {
  400: 'VALIDATION_FAILED: a malformed token or body',
  404: 'COMPLAINT_NOT_FOUND: an unknown token, or 60 days after the ticket closed',
})
@Controller('api/v1/reporter/:token')
export class ReporterController {
  constructor(private readonly answers: ReporterAnswers) {}

  /** The public view of the complaint, with what the reporter may do now */
  @Get()
  @Public(LINK)
  view(@Param() { token }: ReporterTokenParam): Promise<ReporterLinkViewDto> {
    return this.answers.view(token);
  }

  /** Dispute the closing: the ticket goes back to the unit that closed it, with the reason */
  @Post('dispute')
  @HttpCode(200)
  @ApiJsonBodyErrors()
  @ApiErrorResponses([409], {
    409: 'DISPUTE_WINDOW_PASSED (after 10 working days), ALREADY_DISPUTED, INVALID_TRANSITION (not closed as done), NOTHING_TO_DISPUTE',
  })
  @Public(LINK)
  dispute(
    @Param() { token }: ReporterTokenParam,
    @Body() body: DisputeDto,
    @Req() req: Request,
  ): Promise<ReporterLinkViewDto> {
    return this.answers.dispute(token, body.reason, requestIdOf(req));
  }

  /** Rate the handling once it is over, once */
  @Post('rating')
  @HttpCode(200)
  @ApiJsonBodyErrors()
  @ApiErrorResponses([409], {
    409: 'ALREADY_RATED, or INVALID_TRANSITION (not closed yet)',
  })
  @Public(LINK)
  rate(
    @Param() { token }: ReporterTokenParam,
    @Body() body: RatingDto,
    @Req() req: Request,
  ): Promise<ReporterLinkViewDto> {
    return this.answers.rate(token, body.score, body.comment ?? null, requestIdOf(req));
  }
}

function requestIdOf(req: Request): string | null {
  return req.id === undefined ? null : String(req.id);
}
