import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DeadLetters } from './dead-letters';
import { MessagingMetrics } from './messaging-metrics';
import { OutboxRelay } from './outbox-relay';
import { OutboxSignal } from './outbox-signal';
import { JobOutcomeMetrics, QueueDepthMetrics, Queues } from './queue-metrics';
import { QUEUE_SETTINGS, QUEUES } from './queues';

/**
 * What every writer needs: the signal that wakes the outbox relay once its rows committed. The
 * rows themselves are written with the change that causes them (see the ticket store).
 */
@Module({ providers: [OutboxSignal, MessagingMetrics], exports: [OutboxSignal] })
export class MessagingModule {}

/**
 * The Bull queues themselves, registered once for every module that reads or runs them, with
 * their depths at /metrics (the API reads them even when the jobs run in another process).
 */
@Module({
  imports: [
    BullModule.registerQueue(...QUEUES.map((name) => ({ name, settings: QUEUE_SETTINGS }))),
  ],
  providers: [Queues, QueueDepthMetrics],
  exports: [BullModule, Queues],
})
export class BullQueuesModule {}

/**
 * The queue side, for the processes that run jobs: the Bull queues, the relay that moves
 * committed outbox rows into them, and the record of jobs that failed for good.
 */
@Module({
  imports: [MessagingModule, BullQueuesModule],
  providers: [OutboxRelay, DeadLetters, JobOutcomeMetrics],
  exports: [BullQueuesModule, DeadLetters, MessagingModule],
})
export class QueuesModule {}
