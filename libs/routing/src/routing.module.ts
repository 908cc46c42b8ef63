import { Module } from '@nestjs/common';
import { QueuesModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { SlaModule } from '@crm/sla';
import { TicketsModule } from '@crm/tickets';
import { DuplicateFinder } from './duplicate-finder';
import { RoutingProcessor } from './routing.processor';

/** Routing: where a received ticket belongs (a job of the queue side). */
@Module({
  imports: [QueuesModule, ReferenceModule, SlaModule, TicketsModule],
  providers: [RoutingProcessor, DuplicateFinder],
})
export class RoutingModule {}
