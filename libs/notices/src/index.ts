export * from './notices.module';
export * from './notification.entity';
export * from './notice-writer';
export * from './templates/notice-template.entity';
export * from './reporter/reporter-links';
export * from './templates/notice-templates';
