import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Public } from '../auth/access.decorator';
import { REDIS_CLIENT } from '../redis/redis.module';

export class HealthReport {
  status: 'ok' | 'degraded' | 'error';
  details: HealthIndicatorResult;
}

@ApiTags('health')
@Controller('health')
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /**
   * `ok` (200) when PostgreSQL and Redis both answer; `degraded` (200) when only Redis is down —
   * complaints are still taken and stored, their routing waits for Redis; `error` (503) when
   * PostgreSQL is down.
   */
  @Get()
  @Public('Load balancers and operators probe it without credentials; it reveals no data')
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL and Redis' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.database
        .pingCheck('database', { timeout: 2_000 })
        .catch((error: { getResponse?: () => HealthIndicatorResult }) =>
          error.getResponse ? error.getResponse() : { database: { status: 'down' as const } },
        ),
      this.pingRedis(),
    ]);
    const details: HealthIndicatorResult = { ...database, ...redis };
    const databaseUp = details.database?.status === 'up';
    const redisUp = details.redis?.status === 'up';
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: !databaseUp ? 'error' : redisUp ? 'ok' : 'degraded', details };
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
