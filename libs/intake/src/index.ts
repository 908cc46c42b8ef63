export * from './intake.module';
export * from './intake.service';
export * from './intake.dto';
export * from './idempotency-key';
export * from './channel-details';
