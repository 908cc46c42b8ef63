import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@crm/core';
import { ComplaintsModule } from '@crm/complaints';
import { DashboardModule } from '@crm/dashboard';
import { ReferenceModule } from '@crm/reference';
import { RegistryModule } from '@crm/registry';
import { Open311Module } from '@crm/open311';
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
        DashboardModule,
        RegistryModule,
        Open311Module,
        ...(config.worker.inProcess ? WORKER_FEATURES : []),
      ],
    };
  }
}
