import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Principal } from '@crm/core';
import { versionFromIfMatch } from './etag';

/** Who asks for a step on a ticket, on which version (`If-Match`), in which request. */
export interface CommandContext {
  principal: Principal;
  /** The version the client last saw (`If-Match`), when it sent one. */
  expectedVersion: number | null;
  requestId: string | null;
}

/** The CommandContext of the request, for a route that declared roles. */
export const Command = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CommandContext => {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!req.principal) throw new Error('Command used on a route without a role declaration');
    return {
      principal: req.principal,
      expectedVersion: versionFromIfMatch(req.header('if-match')),
      requestId: req.id === undefined ? null : String(req.id),
    };
  },
);
