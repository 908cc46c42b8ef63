export * from './jobs.module';
export * from './queue-dashboard';
