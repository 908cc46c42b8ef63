import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { versionFromIfMatch } from '../read/etag';
import type { ActionContext } from './lifecycle.service';

/** Who acts, on which version (`If-Match`), in which request (`X-Request-Id`). */
export const StepContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ActionContext => {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!req.principal) throw new Error('StepContext used on a route without a role declaration');
    return {
      principal: req.principal,
      expectedVersion: versionFromIfMatch(req.header('if-match')),
      requestId: req.id === undefined ? null : String(req.id),
    };
  },
);
