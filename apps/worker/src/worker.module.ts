import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@crm/core';
import { ReferenceModule } from '@crm/reference';
import { WORKER_FEATURES } from './worker-features';

/** The queue-processing process: no HTTP, only Bull processors on the shared database. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { http: false }), ReferenceModule, ...WORKER_FEATURES],
    };
  }
}
