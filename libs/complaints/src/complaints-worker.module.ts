import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { DeadLetters } from './messaging/dead-letters';
import { OutboxRelay } from './messaging/outbox-relay';
import { QUEUES } from './messaging/queues';
import { DuplicateFinder } from './routing/duplicate-finder';
import { RoutingProcessor } from './routing/routing.processor';

/** The queue side of complaints: the outbox relay and routing. */
@Module({
  imports: [ReferenceModule, BullModule.registerQueue(...QUEUES.map((name) => ({ name })))],
  providers: [OutboxRelay, DeadLetters, DuplicateFinder, RoutingProcessor],
})
export class ComplaintsWorkerModule {}
