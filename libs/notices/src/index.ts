export * from './notices.module';
export * from './notification.entity';
export * from './notice-writer';
