import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Command,
  CommandContext,
  ComplaintDetailDto,
  ComplaintIdParam,
  ComplaintViews,
} from '@crm/tickets';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { answerWithTicket } from '../ticket-answer';
import { DeskSteps } from './desk-steps';
import { AssigneeChangeDto, NewNoteDto, PriorityDto, RecategoriseDto } from './desk.dto';

/**
 * The desk's steps on a ticket (docs/api.md, "The desk"): internal notes, the category, the
 * priority and the staff member handling it. Each answers 200 with the updated ticket and its
 * new `ETag`, and accepts `If-Match` like the handling steps.
 */
@ApiTags('desk')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag of the ticket as last read (W/"<version>"): 409 if it changed since',
})
@ApiSignedInErrors()
@ApiJsonBodyErrors()
@ApiErrorResponses([400, 404, 409], {
  400: 'VALIDATION_FAILED: a wrong id, body field (an unknown category) or If-Match',
  404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  409: 'INVALID_TRANSITION (a closed ticket), VERSION_CONFLICT, SAME_CATEGORY',
})
@Controller('api/v1/complaints/:id')
export class DeskController {
  constructor(
    private readonly views: ComplaintViews,
    private readonly steps: DeskSteps,
  ) {}

  /** An internal note (Diskominfo, and units that hold, held or oversee the ticket). */
  @Post('notes')
  @HttpCode(200)
  @Roles('diskominfo', 'unit', 'admin')
  async note(
    @Param() { id }: ComplaintIdParam,
    @Body() body: NewNoteDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return answerWithTicket(this.views, await this.steps.note(id, body, command), command, res);
  }

  /** Diskominfo files it under another category; that category's owner is suggested. */
  @Post('category')
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  async recategorise(
    @Param() { id }: ComplaintIdParam,
    @Body() body: RecategoriseDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const { ticket, warnings } = await this.steps.recategorise(id, body, command);
    return answerWithTicket(this.views, ticket, command, res, warnings);
  }

  /** The holding unit names the staff member who handles it (`sub: null`: nobody). */
  @Post('assignee')
  @HttpCode(200)
  @Roles('unit')
  async assign(
    @Param() { id }: ComplaintIdParam,
    @Body() body: AssigneeChangeDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return answerWithTicket(this.views, await this.steps.assign(id, body, command), command, res);
  }

  /** Diskominfo sets how urgent it is: biasa, tinggi or darurat. */
  @Post('priority')
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  async prioritise(
    @Param() { id }: ComplaintIdParam,
    @Body() body: PriorityDto,
    @Command() command: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const ticket = await this.steps.prioritise(id, body, command);
    return answerWithTicket(this.views, ticket, command, res);
  }
}
