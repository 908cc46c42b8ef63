import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * Limits requests per caller: per token subject when authenticated, else per client address.
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

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      this.storeLogger.warn(
        `Rate limit store unavailable, request allowed: ${(error as Error).message}`,
      );
      return true;
    }
  }
}
