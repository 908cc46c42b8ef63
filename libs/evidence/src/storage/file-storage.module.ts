import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@crm/core';
import { FileRemovals } from './file-removals';
import { FileStorage } from './file-storage';
import { storageAt } from './storage-url';

/** The storage `STORAGE_URL` names (docs/evidence.md, "Storage"). */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => storageAt(config.storageUrl),
    },
  ],
  exports: [FileStorage],
})
export class FileStorageModule {}

/** The worker's part of evidence: removing the files no attachment holds any more. */
@Module({
  imports: [FileStorageModule],
  providers: [FileRemovals],
  exports: [FileRemovals],
})
export class FileRemovalsModule {}
