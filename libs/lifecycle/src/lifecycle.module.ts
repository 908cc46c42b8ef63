import { Module } from '@nestjs/common';
import { QueuesModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { SlaModule } from '@crm/sla';
import { TicketsModule } from '@crm/tickets';
import { AcceptComplaint } from './accept-complaint';
import { BulkValidation } from './desk/bulk-validation';
import { DeskController } from './desk/desk.controller';
import { DeskSteps } from './desk/desk-steps';
import { ValidationsController } from './desk/validations.controller';
import { DisposeComplaint } from './dispose-complaint';
import { EscalateOverdue } from './escalate-overdue';
import { LifecycleController } from './lifecycle.controller';
import { RejectComplaint } from './reject-complaint';
import { ReopenComplaint } from './reopen-complaint';
import { SubmitFollowUp } from './submit-follow-up';
import { ValidateFollowUp } from './validate-follow-up';

/**
 * Handling a ticket: re-routing, acceptance, follow-up, validation (one or many), rejection,
 * reopening, and the desk's steps — notes, category, priority, assignee.
 */
@Module({
  imports: [ReferenceModule, SlaModule, TicketsModule],
  controllers: [LifecycleController, DeskController, ValidationsController],
  providers: [
    DisposeComplaint,
    AcceptComplaint,
    SubmitFollowUp,
    ValidateFollowUp,
    RejectComplaint,
    ReopenComplaint,
    DeskSteps,
    BulkValidation,
  ],
})
export class LifecycleModule {}

/** Deadlines that pass: the escalation job and its sweep (a job of the queue side). */
@Module({
  imports: [QueuesModule, SlaModule, TicketsModule],
  providers: [EscalateOverdue],
  exports: [EscalateOverdue],
})
export class DeadlinesModule {}
