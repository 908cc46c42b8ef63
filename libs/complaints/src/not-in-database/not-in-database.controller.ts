import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@crm/core';
import { ActionContext } from '../lifecycle/lifecycle.service';
import { StepContext } from '../lifecycle/step-context';
import { ComplaintIdParam } from '../read/complaints.controller';
import { TriageSuggestion } from './application.entity';
import { ApplicationDto, TriageDto } from './not-in-database.dto';
import { NotInDatabaseService } from './not-in-database.service';

/** Flow 4 after `not_registered`: the application form, then the triage (docs/registry.md). */
@ApiTags('not yet in the database')
@ApiBearerAuth()
@Controller('api/v1/complaints/:id')
export class NotInDatabaseController {
  constructor(private readonly service: NotInDatabaseService) {}

  /** The reporter's application form; answers the service's triage suggestion. */
  @Post('application')
  @HttpCode(200)
  @Roles('diskominfo', 'operator')
  application(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ApplicationDto,
    @StepContext() context: ActionContext,
  ): Promise<{ suggestion: TriageSuggestion }> {
    return this.service.submitApplication(id, body, context);
  }

  /** Diskominfo decides: the prelist, and for an emergency a child ticket for immediate help. */
  @Post('triage')
  @HttpCode(200)
  @Roles('diskominfo')
  triage(
    @Param() { id }: ComplaintIdParam,
    @Body() body: TriageDto,
    @StepContext() context: ActionContext,
  ): Promise<{ prelistEntryId: string; childTicketId?: string }> {
    return this.service.triage(id, body, context);
  }
}
