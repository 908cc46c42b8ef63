import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '@crm/core';

/** Notices by how they travel (a unit's webhook, JAKI, LAPOR!, SMS, e-mail, a reply task) and status. */
@Injectable()
export class NoticeMetrics {
  constructor(metrics: Metrics, @InjectDataSource() dataSource: DataSource) {
    metrics.sampled({
      name: 'crm_notices',
      help: 'Notices by delivery channel and status (pending, delivered, failed …)',
      labelNames: ['channel', 'status'],
      read: async (set) => {
        const rows = (await dataSource.query(
          'SELECT delivery, status, count(*)::int AS n FROM notifications GROUP BY delivery, status',
        )) as { delivery: string; status: string; n: number }[];
        for (const row of rows) set({ channel: row.delivery, status: row.status }, row.n);
      },
    });
  }
}
