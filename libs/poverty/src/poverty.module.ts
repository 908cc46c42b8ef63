import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { RegistryModule } from '@crm/registry';
import { TicketsModule } from '@crm/tickets';
import { NotInDatabaseController } from './application/not-in-database.controller';
import { SubmitApplication } from './application/submit-application';
import { TriageComplaint } from './application/triage-complaint';
import { PrelistController } from './prelist/prelist.controller';
import { PrelistDashboard } from './prelist/prelist-dashboard';
import { PrelistDashboardController } from './prelist/prelist-dashboard.controller';
import { PrelistTracking } from './prelist/prelist-tracking';
import { PrelistService } from './prelist/prelist.service';
import { PiiRevealController } from './privacy/pii-reveal.controller';
import { PiiRevealService } from './privacy/pii-reveal.service';
import { RegistryCheckController } from './registry-check/registry-check.controller';
import { RegistryCheckService } from './registry-check/registry-check.service';

/**
 * The poverty path (flow 4: a poor citizen not yet in the P3KE database): the registry check,
 * the application form and triage, the prelist with its verification, Musyawarah and Matriks 3,
 * and the audited reveal of personal data.
 */
@Module({
  imports: [ReferenceModule, RegistryModule, TicketsModule],
  controllers: [
    RegistryCheckController,
    NotInDatabaseController,
    PrelistController,
    PrelistDashboardController,
    PiiRevealController,
  ],
  providers: [
    RegistryCheckService,
    SubmitApplication,
    TriageComplaint,
    PrelistService,
    PrelistDashboard,
    PrelistTracking,
    PiiRevealService,
  ],
})
export class PovertyModule {}
