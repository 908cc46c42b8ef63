import { Injectable } from '@nestjs/common';
import { Metrics } from '@crm/core';
import { TicketFacts } from './ticket-facts';

/** How far the dashboard's in-memory index trails the database. */
@Injectable()
export class TicketFactsMetrics {
  constructor(metrics: Metrics, facts: TicketFacts) {
    const started = Date.now();
    metrics.sampled({
      name: 'crm_dashboard_index_age_seconds',
      help: "Age of the dashboard index's snapshot (since the process started, before its first load)",
      read: async (set) => set({}, (Date.now() - (facts.asOf?.getTime() ?? started)) / 1000),
    });
  }
}
