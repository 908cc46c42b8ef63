import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { RegistryModule } from '@crm/registry';
import { NotInDatabaseController } from './not-in-database/not-in-database.controller';
import { NotInDatabaseService } from './not-in-database/not-in-database.service';
import { PrelistController } from './not-in-database/prelist.controller';
import { PrelistService } from './not-in-database/prelist.service';
import { PiiRevealController } from './privacy/pii-reveal.controller';
import { PiiRevealService } from './privacy/pii-reveal.service';
import { RegistryCheckController } from './registry-check/registry-check.controller';
import { RegistryCheckService } from './registry-check/registry-check.service';
import { IntakeController } from './intake/intake.controller';
import { OutboxSignal } from './messaging/outbox-signal';
import { IntakeService } from './intake/intake.service';
import { ComplaintAccess } from './read/complaint-access';
import { ComplaintViews } from './read/complaint-view';
import { ComplaintsController } from './read/complaints.controller';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { LifecycleService } from './lifecycle/lifecycle.service';
import { SlaPolicy } from './sla/sla-policy';
import { SlaRulesController } from './sla/sla-rules.controller';
import { NotificationsController } from './notifications/notifications.controller';

/** The HTTP side of complaints: intake from the 13 channels, reading and handling tickets. */
@Module({
  imports: [ReferenceModule, RegistryModule],
  controllers: [
    IntakeController,
    ComplaintsController,
    LifecycleController,
    NotificationsController,
    SlaRulesController,
    RegistryCheckController,
    PiiRevealController,
    NotInDatabaseController,
    PrelistController,
  ],
  providers: [
    OutboxSignal,
    IntakeService,
    ComplaintAccess,
    ComplaintViews,
    SlaPolicy,
    LifecycleService,
    RegistryCheckService,
    NotInDatabaseService,
    PrelistService,
    PiiRevealService,
  ],
  // Open311 requests enter through the same intake as every other channel.
  exports: [IntakeService],
})
export class ComplaintsModule {}
