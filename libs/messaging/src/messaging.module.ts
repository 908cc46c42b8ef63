import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DeadLetters } from './dead-letters';
import { OutboxRelay } from './outbox-relay';
import { OutboxSignal } from './outbox-signal';
import { QUEUE_SETTINGS, QUEUES } from './queues';

/**
 * What every writer needs: the signal that wakes the outbox relay once its rows committed. The
 * rows themselves are written with the change that causes them (see the ticket store).
 */
@Module({ providers: [OutboxSignal], exports: [OutboxSignal] })
export class MessagingModule {}

/**
 * The queue side, for the processes that run jobs: the Bull queues, the relay that moves
 * committed outbox rows into them, and the record of jobs that failed for good.
 */
@Module({
  imports: [
    MessagingModule,
    BullModule.registerQueue(...QUEUES.map((name) => ({ name, settings: QUEUE_SETTINGS }))),
  ],
  providers: [OutboxRelay, DeadLetters],
  exports: [BullModule, DeadLetters, MessagingModule],
})
export class QueuesModule {}
