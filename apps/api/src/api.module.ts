import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@crm/core';
import { DashboardModule } from '@crm/dashboard';
import { IntakeModule } from '@crm/intake';
import { JobsModule, QueueDashboardModule } from '@crm/jobs';
import { EvidenceModule } from '@crm/evidence';
import { LifecycleModule } from '@crm/lifecycle';
import { NoticesModule } from '@crm/notices';
import { Open311Module } from '@crm/open311';
import { PovertyModule } from '@crm/poverty';
import { ReferenceModule } from '@crm/reference';
import { RegistryModule } from '@crm/registry';
import { SlaModule } from '@crm/sla';
import { TicketsModule } from '@crm/tickets';
import { ConsoleModule } from './console/console.module';

/** The HTTP API; with RUN_WORKER=true (the default) it also runs the queue side (JobsModule). */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, { http: true }),
        ReferenceModule,
        RegistryModule,
        SlaModule,
        TicketsModule,
        IntakeModule,
        LifecycleModule,
        EvidenceModule,
        NoticesModule,
        PovertyModule,
        DashboardModule,
        Open311Module,
        QueueDashboardModule,
        ConsoleModule,
        ...(config.worker.inProcess ? [JobsModule] : []),
      ],
    };
  }
}
