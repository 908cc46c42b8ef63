import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AccessGuard } from './auth/access.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { AppConfig } from './config/app-config';
import { APP_CONFIG, AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { createValidationPipe } from './errors/validation';
import { HealthModule } from './health/health.module';
import { InFlightHandlers } from './http/graceful-close';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { PiiModule } from './pii/pii.module';
import { QueueModule } from './queue/queue.module';
import { REDIS_CLIENT, RedisModule } from './redis/redis.module';
import { CallerThrottlerGuard } from './throttling/caller-throttler.guard';

/**
 * The ground every process stands on: validated config, logging, PostgreSQL, Redis and Bull.
 * `http: true` adds what only the API needs: validation, the error shape, access control, rate
 * limits and /health — registered as APP_* providers so tests get exactly the same edge.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: { http: boolean }): DynamicModule {
    const base = [
      AppConfigModule.forRoot(config),
      LoggingModule,
      DatabaseModule,
      RedisModule,
      QueueModule,
      PiiModule,
      MetricsModule,
    ];
    if (!options.http) return { module: CoreModule, imports: base, exports: [QueueModule] };
    return {
      module: CoreModule,
      imports: [
        ...base,
        HealthModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, REDIS_CLIENT],
          useFactory: (cfg: AppConfig, redis: Redis) => ({
            throttlers: [
              {
                limit: cfg.throttle.limit,
                ttl: cfg.throttle.ttlMs,
                // One budget per caller across every route, counted by every replica alike; the
                // prefix keeps deployments that share a Redis apart, as their queues are.
                generateKey: (_context, tracker, name) =>
                  `${cfg.redis.queuePrefix}:throttle:${name}:${tracker}`,
              },
            ],
            storage: new ThrottlerStorageRedisService(redis),
          }),
        }),
      ],
      controllers: [MetricsController],
      providers: [
        JwtVerifier,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // Order matters: the caller is authenticated before being counted.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        InFlightHandlers,
        { provide: APP_INTERCEPTOR, useExisting: InFlightHandlers },
      ],
      exports: [QueueModule, JwtVerifier],
    };
  }
}
