import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { describeError } from '@crm/core';
import { FileStorage } from './file-storage';

/** How often the worker removes the files queued for removal. */
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 200;

/**
 * Removes from the storage the files that no attachment holds any more: a deleted ticket's
 * (its attachment rows go with it) and a replaced or withdrawn public copy's. The database queues
 * their keys in the very transaction that drops them (a trigger, migration EvidencePublication),
 * so a change that rolls back removes nothing and a removal survives a restart. The worker
 * sweeps the queue every minute; a key leaves it only once its file is gone.
 */
@Injectable()
export class FileRemovals implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FileRemovals.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FileStorage) private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.warn(`File removal failed: ${describeError(error)}`),
      );
    }, SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Removes every queued file; returns how many. Two sweeps at once share the queue. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const queued: { key: string }[] = await manager.query(
          `SELECT key FROM file_removals ORDER BY queued_at
            LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED`,
        );
        for (const { key } of queued) await this.storage.delete(key);
        if (queued.length) {
          await manager.query(`DELETE FROM file_removals WHERE key = ANY($1::varchar[])`, [
            queued.map((row) => row.key),
          ]);
        }
        return queued.length;
      });
      removed += done;
      if (done < SWEEP_BATCH) return removed;
    }
  }
}
