import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from './queues';

/** Commits within this window share one wake-up. */
const WINDOW_MS = 5;

/**
 * Wakes the outbox relay after outbox rows commit. The NOTIFY is sent after the commit, outside
 * the writing transaction, and coalesced: a NOTIFY inside a transaction takes a database-wide lock
 * until the commit is flushed, which serialises concurrent intakes (measured: the commit rate
 * halves). A lost wake-up only delays the work until the relay's next poll.
 */
@Injectable()
export class OutboxSignal {
  private scheduled = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      // Cleared before sending, so a commit that lands meanwhile schedules its own wake-up.
      this.scheduled = false;
      this.dataSource
        .query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, 'committed'])
        .catch(() => undefined);
    }, WINDOW_MS).unref();
  }
}
