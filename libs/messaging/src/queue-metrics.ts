import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { Counter } from 'prom-client';
import { Metrics } from '@crm/core';
import { NOTIFICATIONS_QUEUE, ROUTING_QUEUE, SLA_QUEUE } from './queues';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/** The three queues, for the classes below. */
@Injectable()
export class Queues {
  readonly all: Queue[];

  constructor(
    @InjectQueue(ROUTING_QUEUE) routing: Queue,
    @InjectQueue(SLA_QUEUE) sla: Queue,
    @InjectQueue(NOTIFICATIONS_QUEUE) notifications: Queue,
  ) {
    this.all = [routing, sla, notifications];
  }
}

/** The queues' depths by state, read from Redis by whichever process serves metrics. */
@Injectable()
export class QueueDepthMetrics {
  constructor(metrics: Metrics, queues: Queues) {
    metrics.sampled({
      name: 'crm_queue_jobs',
      help: 'Jobs in each queue by state (completed and failed ones are kept a day and a week)',
      labelNames: ['queue', 'state'],
      read: async (set) => {
        for (const queue of queues.all) {
          const counts = (await queue.getJobCounts()) as unknown as Record<string, number>;
          for (const state of STATES) set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}

/**
 * The outcome of every job attempt, counted by the process that ran it (the worker's own
 * /metrics when it runs apart, see docs/operations.md).
 */
@Injectable()
export class JobOutcomeMetrics implements OnModuleInit {
  private readonly attempts: Counter<'queue' | 'outcome'>;

  constructor(
    metrics: Metrics,
    private readonly queues: Queues,
  ) {
    this.attempts = new Counter({
      name: 'crm_queue_job_attempts_total',
      help: 'Job attempts run by this process, by queue and outcome: completed, or failed (then retried, or dead-lettered after the last)',
      labelNames: ['queue', 'outcome'],
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    for (const queue of this.queues.all) {
      for (const outcome of ['completed', 'failed'] as const) {
        this.attempts.inc({ queue: queue.name, outcome }, 0);
        queue.on(outcome, () => this.attempts.inc({ queue: queue.name, outcome }));
      }
    }
  }
}
