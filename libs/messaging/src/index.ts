export * from './messaging.module';
export * from './queues';
export * from './outbox-signal';
export * from './outbox-message.entity';
export * from './failed-job.entity';
export * from './dead-letters';
