import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { TicketsModule } from '@crm/tickets';
import { Attachments } from './attachments';
import { AttachmentsController, PublicEvidenceController } from './attachments.controller';
import { Publications } from './publication';
import { FileStorageModule } from './storage/file-storage.module';
import { TicketEvidenceSource } from './ticket-evidence-source';

/** Photos and documents of tickets, their privacy and their storage (docs/evidence.md). */
@Module({
  imports: [TicketsModule, ReferenceModule, FileStorageModule],
  controllers: [AttachmentsController, PublicEvidenceController],
  providers: [Attachments, Publications, TicketEvidenceSource],
  exports: [Attachments, Publications, FileStorageModule],
})
export class EvidenceModule {}
