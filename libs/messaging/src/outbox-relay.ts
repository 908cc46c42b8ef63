import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, describeError } from '@crm/core';
import { OutboxMessage } from './outbox-message.entity';
import { JOB_OPTIONS, OUTBOX_CHANNEL, QUEUES, QueueName } from './queues';

const BATCH = 200;
/** Fallback poll: LISTEN connections can drop, and rows may predate this process. */
const POLL_MS = 1_000;
/** A Bull add that has not returned by then is treated as failed (Redis unreachable). */
const ADD_TIMEOUT_MS = 2_000;

/**
 * Moves committed outbox rows into Bull. Woken by NOTIFY from the writing transaction, and by a
 * poll. Rows are claimed with SKIP LOCKED so that several workers share the work; a row is marked
 * relayed only after Bull has the job, and the job id is the row's, so a crash between the two
 * steps re-adds a job that Bull already holds, which Bull ignores.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.wake(), POLL_MS);
    void this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a relay pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn(`Outbox relay paused: ${describeError(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === BATCH) {
      // keep going while full batches come back
    }
  }

  /** Relays up to one batch; returns how many rows it relayed. */
  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxMessage[] = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.relayed_at IS NULL')
        // Only queues this process serves: a row for an unknown queue must not stall the rest.
        .andWhere('m.queue IN (:...queues)', { queues: QUEUES })
        .orderBy('m.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      // One round trip to Redis per queue (Bull pipelines a bulk add).
      const byQueue = new Map<QueueName, OutboxMessage[]>();
      for (const row of rows) {
        const queue = row.queue as QueueName;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
      }
      await Promise.all(
        [...byQueue].map(([queue, batch]) =>
          withTimeout(
            this.queue(queue).addBulk(
              batch.map((row) => ({
                name: row.jobName,
                data: row.payload,
                opts: {
                  ...JOB_OPTIONS,
                  jobId: row.jobId,
                  ...(row.notBefore
                    ? { delay: Math.max(0, row.notBefore.getTime() - Date.now()) }
                    : {}),
                },
              })),
            ),
            ADD_TIMEOUT_MS,
          ),
        ),
      );
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ relayedAt: () => 'now()' })
        .whereInIds(rows.map((row) => row.id))
        .execute();
      return rows.length;
    });
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.database.url });
    client.on('notification', () => this.wake());
    client.on('error', () => undefined);
    client.on('end', () => {
      // Reconnect after a database restart; the poll covers the gap.
      if (!this.stopped) setTimeout(() => void this.listen(), POLL_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer in ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
