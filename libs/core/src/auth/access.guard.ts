import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { bilingual } from '../i18n/bilingual';
import { ACCESS_RULE, AccessRule } from './access.decorator';

/** Reads a route's access declaration from its handler, else from its controller. */
export function accessRuleOf(
  reflector: Reflector,
  targets: (object | Function)[],
): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets as never);
}

/** The bearer token of a request, if it offers one. */
export function bearerTokenOf(req: Request): string | null {
  const [scheme, token] = (req.header('authorization') ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

export const tokenRequired = () =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'UNAUTHORIZED',
    bilingual(
      'Token bearer wajib dikirim; masuk kembali lalu kirim token di header Authorization: Bearer <token>',
      'A bearer token is required',
    ),
  );

/**
 * The global guard: enforces the route's declared roles on the caller the edge authenticated
 * (http/edge.ts verifies the token before the body is read). A route reached without a verified
 * caller is refused: the guard fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = accessRuleOf(this.reflector, [context.getHandler(), context.getClass()]);
    if (!rule) {
      // Fail closed: a route nobody declared access for is a defect, never an open door.
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} has no access declaration`,
      );
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACCESS_UNDECLARED',
        bilingual(
          'Alamat ini belum dibuka untuk siapa pun; laporkan kepada pengelola layanan',
          'This route is not open to anyone',
        ),
      );
    }
    if (rule.kind === 'public') return true;

    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw tokenRequired();
    if (!rule.roles.includes(principal.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        bilingual(
          `Peran ${principal.role} tidak berwenang memakai alamat ini; minta petugas dengan peran yang berwenang`,
          `The ${principal.role} role may not call this route`,
        ),
      );
    }
    return true;
  }
}
