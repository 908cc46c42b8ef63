import { Module } from '@nestjs/common';
import { QueuesModule } from '@crm/messaging';
import { ReferenceModule } from '@crm/reference';
import { TicketsModule } from '@crm/tickets';
import { NoticeReader } from './notice-reader';
import { NoticeWriter } from './notice-writer';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';

/** The list of notices and how their delivery went. */
@Module({
  imports: [TicketsModule],
  controllers: [NotificationsController],
  providers: [NoticeReader],
})
export class NoticesModule {}

/** Writing an event's notices and delivering them (jobs of the queue side). */
@Module({
  imports: [QueuesModule, ReferenceModule],
  providers: [NoticeWriter, NotificationSender],
})
export class NoticeDeliveryModule {}
