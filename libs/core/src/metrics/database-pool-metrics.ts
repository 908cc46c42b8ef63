import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Metrics } from './metrics';

/** The PostgreSQL pool: connections open, idle, and requests waiting for one. */
@Injectable()
export class DatabasePoolMetrics {
  constructor(metrics: Metrics, @InjectDataSource() dataSource: DataSource) {
    const pool = () => (dataSource.driver as unknown as { master?: Pool }).master;
    metrics.sampled({
      name: 'crm_db_pool_connections',
      help: 'PostgreSQL pool: connections by state (open, idle) and queries waiting for a connection (waiting)',
      labelNames: ['state'],
      read: async (set) => {
        const current = pool();
        if (!current) return;
        set({ state: 'open' }, current.totalCount);
        set({ state: 'idle' }, current.idleCount);
        set({ state: 'waiting' }, current.waitingCount);
      },
    });
  }
}
