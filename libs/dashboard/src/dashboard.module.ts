import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { TicketFacts } from './facts/ticket-facts';
import { TicketFactsMetrics } from './facts/ticket-facts-metrics';
import { RegionShapes } from './reports/region-shapes';

/** The CRM dashboard and the TKPK quarterly report (docs/api.md, "Dashboard"). */
@Module({
  imports: [ReferenceModule],
  controllers: [DashboardController],
  providers: [TicketFacts, TicketFactsMetrics, DashboardService, RegionShapes],
  exports: [TicketFacts],
})
export class DashboardModule {}
