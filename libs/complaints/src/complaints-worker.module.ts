import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { DeadLetters } from './messaging/dead-letters';
import { OutboxRelay } from './messaging/outbox-relay';
import { QUEUES } from './messaging/queues';
import { OutboxSignal } from './messaging/outbox-signal';
import { NotificationSender } from './notifications/notification-sender';
import { DuplicateFinder } from './routing/duplicate-finder';
import { SlaPolicy } from './sla/sla-policy';
import { SlaWatch } from './sla/sla-watch';
import { RoutingProcessor } from './routing/routing.processor';

/** The queue side of complaints: the outbox relay, routing, SLA clocks and unit notices. */
@Module({
  imports: [ReferenceModule, BullModule.registerQueue(...QUEUES.map((name) => ({ name })))],
  providers: [
    OutboxRelay,
    OutboxSignal,
    DeadLetters,
    DuplicateFinder,
    RoutingProcessor,
    SlaPolicy,
    SlaWatch,
    NotificationSender,
  ],
  exports: [SlaWatch, SlaPolicy],
})
export class ComplaintsWorkerModule {}
