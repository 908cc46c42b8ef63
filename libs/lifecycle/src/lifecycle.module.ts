import { Module } from '@nestjs/common';
import { QueuesModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { SlaModule } from '@crm/sla';
import { TicketsModule } from '@crm/tickets';
import { AcceptComplaint } from './accept-complaint';
import { DisposeComplaint } from './dispose-complaint';
import { EscalateOverdue } from './escalate-overdue';
import { LifecycleController } from './lifecycle.controller';
import { RejectComplaint } from './reject-complaint';
import { ReopenComplaint } from './reopen-complaint';
import { SubmitFollowUp } from './submit-follow-up';
import { ValidateFollowUp } from './validate-follow-up';

/** Handling a ticket: re-routing, acceptance, follow-up, validation, rejection, reopening. */
@Module({
  imports: [ReferenceModule, SlaModule, TicketsModule],
  controllers: [LifecycleController],
  providers: [
    DisposeComplaint,
    AcceptComplaint,
    SubmitFollowUp,
    ValidateFollowUp,
    RejectComplaint,
    ReopenComplaint,
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
