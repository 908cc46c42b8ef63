import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { describeError } from '../logging/error-serializer';

/** A reading that has been taken this recently is served again rather than queried anew. */
const READING_REUSED_FOR_MS = 10_000;

export interface SampledGauge<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** Reads the current values; every value set replaces the previous reading whole. */
  read: (set: (labels: Partial<Record<L, string>>, value: number) => void) => Promise<void>;
}

/**
 * The process's Prometheus registry (one per application, so that several in one process — the
 * tests' — do not collide): Node's own figures (event-loop lag, memory, CPU, GC), HTTP requests
 * by route template and status, and whatever each feature registers for its own state.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  readonly httpRequests = new Histogram<'method' | 'route' | 'status'>({
    name: 'crm_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: latency (the _count is the number of requests)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * A gauge read from the service's state when Prometheus scrapes (a query, a queue's counts).
   * A failed read keeps the last values and is logged: one unreachable source must not take the
   * other series away, the very moment they matter.
   */
  sampled<L extends string>(spec: SampledGauge<L>): Gauge<L> {
    const logger = this.logger;
    let readAt = 0;
    return new Gauge<L>({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        if (Date.now() - readAt < READING_REUSED_FOR_MS) return;
        const values: [Partial<Record<L, string>>, number][] = [];
        try {
          await spec.read((labels, value) => values.push([labels, value]));
        } catch (error) {
          logger.warn(`Metric ${spec.name} could not be read: ${describeError(error)}`);
          return;
        }
        readAt = Date.now();
        this.reset();
        for (const [labels, value] of values) this.set(labels, value);
      },
    });
  }
}

/** A bearer token compared in constant time (by digest, so that the lengths do not tell either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
