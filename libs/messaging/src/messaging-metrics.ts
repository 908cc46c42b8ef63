import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '@crm/core';

/**
 * The outbox and the dead letters, read from PostgreSQL (what every process shares): a relay that
 * stopped shows as a growing lag whichever process was meant to run it.
 */
@Injectable()
export class MessagingMetrics {
  constructor(metrics: Metrics, @InjectDataSource() dataSource: DataSource) {
    metrics.sampled({
      name: 'crm_outbox_lag_seconds',
      help: 'Age of the oldest outbox row not yet relayed into its queue (0 when none waits)',
      read: async (set) => {
        // Pending rows are few and indexed (ix_outbox_messages_pending).
        const [row] = (await dataSource.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS lag
             FROM outbox_messages WHERE relayed_at IS NULL`,
        )) as { lag: number }[];
        set({}, Math.max(0, row.lag));
      },
    });
    metrics.sampled({
      name: 'crm_dead_letters',
      help: 'Jobs that used up their retries and wait for a person (failed_jobs)',
      read: async (set) => {
        const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM failed_jobs')) as {
          n: number;
        }[];
        set({}, row.n);
      },
    });
  }
}
