import { Module } from '@nestjs/common';
import { MessagingModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { SlaModule } from '@crm/sla';
import { TicketAccess } from './access/ticket-access';
import { TicketEvidence } from './ticket-evidence';
import { ParentClosing } from './parent-closing';
import { ComplaintExport } from './read/complaint-export';
import { ComplaintExportController } from './read/complaint-export.controller';
import { ComplaintsController } from './read/complaints.controller';
import { ComplaintViews } from './read/complaint-view';
import { TicketReader } from './read/ticket-reader';
import { TrackingExtensions } from './read/tracking-extensions';
import { SlaClockMetrics } from './sla-clock-metrics';
import { TicketCommands } from './ticket-commands';
import { TicketStore } from './ticket-store';

/**
 * The ticket: its one writer (the store), its one access gate, the way a person's step runs,
 * and the read side (tracking, lists, one ticket with its history).
 */
@Module({
  imports: [MessagingModule, ReferenceModule, SlaModule],
  controllers: [ComplaintsController, ComplaintExportController],
  providers: [
    TicketStore,
    TicketAccess,
    TicketCommands,
    TicketReader,
    ComplaintViews,
    ParentClosing,
    TrackingExtensions,
    ComplaintExport,
    TicketEvidence,
    SlaClockMetrics,
  ],
  exports: [
    TicketStore,
    TicketAccess,
    TicketCommands,
    TicketReader,
    ComplaintViews,
    ParentClosing,
    TrackingExtensions,
    TicketEvidence,
  ],
})
export class TicketsModule {}
