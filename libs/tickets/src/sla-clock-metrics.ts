import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '@crm/core';

/**
 * The deadlines running now, by clock, and those of them already past: a growing breached count
 * is what a stopped escalation, or a unit that stopped answering, looks like from outside.
 */
@Injectable()
export class SlaClockMetrics {
  constructor(metrics: Metrics, @InjectDataSource() dataSource: DataSource) {
    metrics.sampled({
      name: 'crm_sla_clocks',
      help: 'Tickets whose deadline clock runs (state="running"), and those of them past their deadline (state="breached"), by clock',
      labelNames: ['clock', 'state'],
      read: async (set) => {
        // Closed and paused tickets have no due time; ix_complaints_due holds the rest.
        const rows = (await dataSource.query(
          `SELECT COALESCE(sla_clock, 'none') AS clock, count(*)::int AS running,
                  count(*) FILTER (WHERE due_at < now())::int AS breached
             FROM complaints WHERE due_at IS NOT NULL GROUP BY 1`,
        )) as { clock: string; running: number; breached: number }[];
        for (const row of rows) {
          set({ clock: row.clock, state: 'running' }, row.running);
          set({ clock: row.clock, state: 'breached' }, row.breached);
        }
      },
    });
  }
}
