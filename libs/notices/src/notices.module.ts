import { Module } from '@nestjs/common';
import { QueuesModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { SlaModule } from '@crm/sla';
import { TicketsModule } from '@crm/tickets';
import { ReporterSender } from './delivery/reporter-sender';
import { NoticeMetrics } from './notice-metrics';
import { NoticeReader } from './notice-reader';
import { NoticeWriter } from './notice-writer';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';
import { ComplaintNoticesController, RepliesController } from './replies.controller';
import { ReporterAnswers } from './reporter/reporter-answers';
import { ReporterController } from './reporter/reporter.controller';
import { ReporterLinks } from './reporter/reporter-links';
import { NoticeTemplateStore } from './templates/notice-template-store';
import { NoticeTemplatesController } from './templates/notice-templates.controller';

/**
 * The notices' HTTP side: their lists and how their delivery went, the reply tasks, the texts
 * an admin edits, and the reporter's link (view, dispute, rating).
 */
@Module({
  imports: [TicketsModule, SlaModule, ReferenceModule],
  controllers: [
    NotificationsController,
    ComplaintNoticesController,
    RepliesController,
    NoticeTemplatesController,
    ReporterController,
  ],
  providers: [NoticeReader, NoticeTemplateStore, ReporterLinks, ReporterAnswers, NoticeMetrics],
})
export class NoticesModule {}

/** Writing an event's notices and delivering them (jobs of the queue side). */
@Module({
  imports: [QueuesModule, ReferenceModule],
  providers: [NoticeWriter, NotificationSender, ReporterSender, NoticeTemplateStore, ReporterLinks],
})
export class NoticeDeliveryModule {}
