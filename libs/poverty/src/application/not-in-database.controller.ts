import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiJsonBodyErrors, ApiSignedInErrors, Roles } from '@crm/core';
import { Command, CommandContext, ComplaintIdParam } from '@crm/tickets';
import { TriageSuggestion } from './application.entity';
import { ApplicationDto, TriageDto } from './not-in-database.dto';
import { SubmitApplication } from './submit-application';
import { TriageComplaint, TriageOutcome } from './triage-complaint';

/** Flow 4 after `not_registered`: the application form, then the triage (docs/registry.md). */
@ApiTags('not yet in the database')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiJsonBodyErrors()
@ApiErrorResponses([404, 409], {
  404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  409: 'NOT_AFTER_REGISTRY_CHECK (the registry check did not find the reporter not registered), NO_APPLICATION, ALREADY_TRIAGED',
})
@Controller('api/v1/complaints/:id')
export class NotInDatabaseController {
  constructor(
    private readonly submitApplication: SubmitApplication,
    private readonly triageComplaint: TriageComplaint,
  ) {}

  /** The reporter's application form; answers the service's triage suggestion. */
  @Post('application')
  @HttpCode(200)
  @Roles('diskominfo', 'operator')
  application(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ApplicationDto,
    @Command() command: CommandContext,
  ): Promise<{ suggestion: TriageSuggestion }> {
    return this.submitApplication.run(id, body, command);
  }

  /** Diskominfo decides: the prelist, and for an emergency a child ticket for immediate help. */
  @Post('triage')
  @HttpCode(200)
  @Roles('diskominfo')
  triage(
    @Param() { id }: ComplaintIdParam,
    @Body() body: TriageDto,
    @Command() command: CommandContext,
  ): Promise<TriageOutcome> {
    return this.triageComplaint.run(id, body, command);
  }
}
