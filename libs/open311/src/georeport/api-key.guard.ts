import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import { ApiError, bilingual, markAuthenticationFailure } from '@crm/core';
import { Open311Caller, Open311Keys } from '../keys/open311-keys.service';

declare module 'http' {
  interface IncomingMessage {
    open311Caller?: Open311Caller;
  }
}

/**
 * The Open311 routes are public at the token level; this checks the `api_key` (query string or
 * body, as GeoReport clients send it) and remembers its channel for the handler. A body the
 * parsers could not read is reported first: its `api_key` could not be read either.
 *
 * Posting needs a key (a complaint enters intake on the key's channel). Reading does not
 * (GeoReport v2: reads are public); a key given to a read narrows it to the key's channel, and
 * one that is unknown or revoked is refused all the same — a client that sends credentials
 * should learn they no longer work rather than silently read more.
 */
@Injectable()
abstract class ApiKeyCheck implements CanActivate {
  protected abstract readonly required: boolean;

  constructor(private readonly keys: Open311Keys) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.bodyError !== undefined) throw req.bodyError;
    const key = apiKeyOf(req);
    if (!key) {
      if (!this.required) return true;
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'API_KEY_REQUIRED',
        bilingual(
          'api_key wajib dikirim untuk mengirim laporan; sertakan kunci API Open311 yang diberikan Diskominfo',
          'api_key is required to post a request',
        ),
      );
    }
    const caller = await this.keys.verify(key);
    if (!caller) {
      // Counted against the client's address at the edge, like a refused token.
      markAuthenticationFailure(req);
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'API_KEY_REFUSED',
        bilingual(
          'api_key tidak dikenal atau sudah dicabut; minta kunci API baru kepada Diskominfo',
          'api_key is unknown or revoked',
        ),
      );
    }
    req.open311Caller = caller;
    return true;
  }
}

/** A key is required: posting a request. */
@Injectable()
export class Open311ApiKeyGuard extends ApiKeyCheck {
  protected readonly required = true;
}

/** A key is optional: reading requests; when given it must be valid, and it narrows the read. */
@Injectable()
export class Open311OptionalApiKeyGuard extends ApiKeyCheck {
  protected readonly required = false;
}

function apiKeyOf(req: Request): string | null {
  const fromQuery: unknown = (req.query as Record<string, unknown>)?.api_key;
  const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?.api_key;
  const key = fromQuery ?? fromBody;
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : null;
}

/** The channel and key of a request that passed Open311ApiKeyGuard. */
export const CurrentOpen311Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Open311Caller => {
    const caller = context.switchToHttp().getRequest<Request>().open311Caller;
    if (!caller) throw new Error('CurrentOpen311Caller used on a route without Open311ApiKeyGuard');
    return caller;
  },
);

/** The caller of a read that passed Open311OptionalApiKeyGuard: null without a key. */
export const Open311CallerIfAny = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Open311Caller | null =>
    context.switchToHttp().getRequest<Request>().open311Caller ?? null,
);
