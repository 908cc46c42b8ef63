import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@crm/core';
import { ComplaintsModule } from '@crm/complaints';
import { ReferenceModule } from '@crm/reference';
import { RegistryModule } from '@crm/registry';
import { WORKER_FEATURES } from '../../worker/src/worker-features';

/** The HTTP API; with RUN_WORKER=true (the default) it also runs the queue processors. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, { http: true }),
        ReferenceModule,
        ComplaintsModule,
        RegistryModule,
        ...(config.worker.inProcess ? WORKER_FEATURES : []),
      ],
    };
  }
}
