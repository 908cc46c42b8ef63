export * from './evidence.module';
export * from './attachment.entity';
export * from './attachments';
export * from './storage/file-storage';
export * from './storage/storage-url';
export * from './publication';
export * from './storage/file-storage.module';
export * from './storage/file-removals';
