export * from './evidence.module';
export * from './attachment.entity';
export * from './attachments';
export * from './storage/file-storage';
export * from './storage/storage-url';
export { UPLOAD_FOLDER } from './attachments.controller';
