import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@crm/core';
import { TicketsModule } from '@crm/tickets';
import { Attachments } from './attachments';
import { AttachmentsController } from './attachments.controller';
import { FollowUpAttachments } from './follow-up-attachments';
import { FileStorage } from './storage/file-storage';
import { storageAt } from './storage/storage-url';

/** Photos and documents of tickets, their privacy and their storage (docs/evidence.md). */
@Module({
  imports: [TicketsModule],
  controllers: [AttachmentsController],
  providers: [
    Attachments,
    FollowUpAttachments,
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => storageAt(config.storageUrl),
    },
  ],
  exports: [Attachments, FileStorage],
})
export class EvidenceModule {}
