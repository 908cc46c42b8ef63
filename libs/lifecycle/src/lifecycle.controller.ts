import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Command,
  CommandContext,
  Complaint,
  ComplaintDetailDto,
  ComplaintIdParam,
  ComplaintViews,
} from '@crm/tickets';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { AcceptComplaint } from './accept-complaint';
import { DisposeComplaint } from './dispose-complaint';
import { DispositionDto, FollowUpDto, RejectDto, ReopenDto, ValidationDto } from './lifecycle.dto';
import { RejectComplaint } from './reject-complaint';
import { ReopenComplaint } from './reopen-complaint';
import { SubmitFollowUp } from './submit-follow-up';
import { answerWithTicket } from './ticket-answer';
import { ValidateFollowUp } from './validate-follow-up';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the ticket as last read (W/"<version>"): 409 if it changed since',
};

/**
 * The handling steps (docs/api.md, "Handling"). Each answers 200 with the updated ticket and its
 * new `ETag`; who may take which step, and from which status, is the ticket's transition table
 * (libs/tickets/src/transitions.ts).
 */
@ApiTags('complaints')
@ApiBearerAuth()
@ApiHeader(IF_MATCH)
@ApiSignedInErrors()
@ApiErrorResponses([400, 404, 409], {
  400: 'VALIDATION_FAILED: a wrong id, body field or If-Match',
  404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  409: 'INVALID_TRANSITION (names the current status), VERSION_CONFLICT (changed since If-Match), or a rule of the step (SAME_UNIT, RESTRICTED_TICKET, REOPEN_WINDOW_PASSED, WAITING_FOR_PRELIST)',
})
@Controller('api/v1/complaints/:id')
export class LifecycleController {
  constructor(
    private readonly views: ComplaintViews,
    private readonly disposeComplaint: DisposeComplaint,
    private readonly acceptComplaint: AcceptComplaint,
    private readonly submitFollowUp: SubmitFollowUp,
    private readonly validateFollowUp: ValidateFollowUp,
    private readonly rejectComplaint: RejectComplaint,
    private readonly reopenComplaint: ReopenComplaint,
  ) {}

  /** Re-route to another unit (Diskominfo from its review queue, or the holding unit). */
  @Post('dispositions')
  @ApiJsonBodyErrors()
  @HttpCode(200)
  @Roles('diskominfo', 'unit', 'admin')
  async dispose(
    @Param() { id }: ComplaintIdParam,
    @Body() body: DispositionDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const { ticket, warnings } = await this.disposeComplaint.run(id, body, command);
    return this.answer(ticket, command, res, warnings);
  }

  /** The holding unit starts handling (`proses`). */
  @Post('accept')
  @HttpCode(200)
  @Roles('unit')
  async accept(
    @Param() { id }: ComplaintIdParam,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.answer(await this.acceptComplaint.run(id, command), command, res);
  }

  /** The holding unit reports what it did (`menunggu_validasi`). */
  @Post('follow-ups')
  @ApiJsonBodyErrors()
  @HttpCode(200)
  @Roles('unit')
  async followUp(
    @Param() { id }: ComplaintIdParam,
    @Body() body: FollowUpDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.answer(await this.submitFollowUp.run(id, body, command), command, res);
  }

  /** Diskominfo approves the follow-up (`selesai`) or sends it back (`tl_ditolak`). */
  @Post('validation')
  @ApiJsonBodyErrors()
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  async validate(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ValidationDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.answer(await this.validateFollowUp.run(id, body, command), command, res);
  }

  /** Diskominfo closes an invalid complaint (`ditolak`), e.g. as a duplicate of another. */
  @Post('reject')
  @ApiJsonBodyErrors()
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  async reject(
    @Param() { id }: ComplaintIdParam,
    @Body() body: RejectDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.answer(await this.rejectComplaint.run(id, body, command), command, res);
  }

  /** Diskominfo reopens a closed ticket the reporter disputes (within 30 days). */
  @Post('reopen')
  @ApiJsonBodyErrors()
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  async reopen(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ReopenDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.answer(await this.reopenComplaint.run(id, body, command), command, res);
  }

  private answer(
    ticket: Complaint,
    command: CommandContext,
    res: Response,
    warnings: string[] = [],
  ): Promise<ComplaintDetailDto> {
    return answerWithTicket(this.views, ticket, command, res, warnings);
  }
}
