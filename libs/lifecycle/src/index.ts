export * from './lifecycle.module';
export * from './lifecycle.dto';
export * from './escalate-overdue';
