import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { bilingual } from '../i18n/bilingual';
import { TooManyRequestsError } from '../errors/api-error';

/**
 * Limits requests per caller: per token subject when authenticated, else per client address —
 * one budget across every route (the key, in core.module.ts, names no route: a caller cannot
 * multiply its share by spreading over routes).
 * If the shared counter store (Redis) is unreachable, requests pass: losing a citizen's complaint
 * to a rate limiter outage would be worse than a few minutes without limits.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  private readonly storeLogger = new Logger('Throttling');

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as Request;
    return request.principal ? `sub:${request.principal.sub}` : `ip:${request.ip}`;
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `throttle:${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToExpire));
    const window = Math.round(detail.ttl / 1000);
    throw new TooManyRequestsError(
      bilingual(
        `Terlalu banyak permintaan: paling banyak ${detail.limit} per ${window} detik untuk setiap pengguna; coba lagi dalam ${seconds} detik`,
        `Too many requests: at most ${detail.limit} per ${window} s per caller; try again in ${seconds} s`,
      ),
      seconds,
    );
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof TooManyRequestsError) throw error;
      this.storeLogger.warn(
        `Rate limit store unavailable, request allowed: ${(error as Error).message}`,
      );
      return true;
    }
  }
}
