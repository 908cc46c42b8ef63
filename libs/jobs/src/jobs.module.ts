import { Module } from '@nestjs/common';
import { FileRemovalsModule } from '@crm/evidence';
import { DeadlinesModule } from '@crm/lifecycle';
import { QueuesModule } from '@crm/messaging';
import { NoticeDeliveryModule } from '@crm/notices';
import { RoutingModule } from '@crm/routing';

/**
 * The queue side of the service: the outbox relay and every job — routing received tickets,
 * escalating missed deadlines, writing and delivering notices, removing the files no ticket holds
 * any more. The worker process runs it; `npm start` runs it inside the API process too
 * (RUN_WORKER=true, the default), production runs it apart. A feature with a job adds its module here.
 */
@Module({
  imports: [QueuesModule, RoutingModule, DeadlinesModule, NoticeDeliveryModule, FileRemovalsModule],
})
export class JobsModule {}
