import { Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool-metrics';
import { Metrics } from './metrics';

/** The registry every feature adds its figures to; the API serves it at /metrics. */
@Global()
@Module({ providers: [Metrics, DatabasePoolMetrics], exports: [Metrics] })
export class MetricsModule {}
