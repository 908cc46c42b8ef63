import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@crm/core';

/** The PostgreSQL channel a trigger notifies on each change of cached reference data. */
const CHANNEL = 'crm_reference';
const RETRY_MS = 2_000;

/**
 * Tells this process's caches that reference data changed — in any process: a trigger on the
 * cached tables (migration ReferenceAdministration) sends a PostgreSQL notice on commit, and every
 * API and worker process LISTENs on its own connection. An admin's edit in one replica is thus
 * used by all of them at once, not after a cache's lifetime. While the connection is down the
 * caches' own lifetime still bounds how stale they get; on reconnecting, they all reload, since a
 * notice may have been missed meanwhile.
 */
@Injectable()
export class ReferenceChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferenceChanges.name);
  private readonly listeners = new Set<() => void>();
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Calls `listener` after every change of units, categories, channels, SLA rules or holidays. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url });
    client.on('notification', () => this.changed());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.changed();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.closed || this.retry) return;
    if (this.client === client) this.client = undefined;
    this.logger.warn({ err: error }, 'Not listening for reference data changes; reconnecting');
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed) void this.connect();
    }, RETRY_MS);
    this.retry.unref();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
