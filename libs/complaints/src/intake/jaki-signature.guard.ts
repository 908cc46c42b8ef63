import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, ApiError, AppConfig } from '@crm/core';

/**
 * JAKI signs each push: `X-Jaki-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. Checked
 * before the body is validated, so an unsigned request learns nothing and stores nothing.
 */
@Injectable()
export class JakiSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.header('x-jaki-signature') ?? '';
    const match = /^sha256=([0-9a-f]{64})$/i.exec(header);
    const expected = createHmac('sha256', this.config.jaki.webhookSecret)
      .update(request.rawBody ?? Buffer.alloc(0))
      .digest();
    if (!match || !timingSafeEqual(Buffer.from(match[1], 'hex'), expected)) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'INVALID_SIGNATURE',
        'X-Jaki-Signature is missing or does not match the body',
      );
    }
    return true;
  }
}
