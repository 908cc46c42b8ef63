import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@crm/core';
import { JobsModule } from '@crm/jobs';

/** The queue-processing process: no HTTP, only the jobs (JobsModule) on the shared database. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { http: false }), JobsModule],
    };
  }
}
