import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Public } from '../auth/access.decorator';
import { bearerTokenOf } from '../auth/access.guard';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiError } from '../errors';
import { bilingual } from '../i18n/bilingual';
import { markAuthenticationFailure } from '../http/edge';
import { Metrics, sameSecret } from './metrics';

/** Prometheus's text format (docs/operations.md, "Metrics"). */
@ApiTags('health')
@Controller('metrics')
@SkipThrottle()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (bearer METRICS_TOKEN when set)' })
  @ApiProduces('text/plain')
  @Public(
    'Prometheus scrapes it with METRICS_TOKEN as its bearer token when one is set; it holds counts and timings, never personal data',
  )
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const expected = this.config.metrics.token;
    if (expected && !sameSecret(bearerTokenOf(req) ?? '', expected)) {
      markAuthenticationFailure(req);
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHORIZED',
        bilingual(
          'Metrik hanya untuk pemantau: kirim METRICS_TOKEN di header Authorization: Bearer <token>',
          'Metrics are for the monitoring system: send METRICS_TOKEN as Authorization: Bearer <token>',
        ),
      );
    }
    const text = await this.metrics.registry.metrics();
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  }
}
