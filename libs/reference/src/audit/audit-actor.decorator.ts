import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditActor } from './reference-audit';

/** Who makes a change of reference data, for its audit entry (a route that declared roles). */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuditActor => {
  const req = ctx.switchToHttp().getRequest<Request>();
  if (!req.principal) throw new Error('Actor used on a route without a role declaration');
  return { principal: req.principal, requestId: req.id === undefined ? null : String(req.id) };
});
