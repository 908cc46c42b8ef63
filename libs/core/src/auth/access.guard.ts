import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error';
import { ACCESS_RULE, AccessRule } from './access.decorator';
import { JwtVerifier } from './jwt-verifier';

/** Reads a route's access declaration from its handler, else from its controller. */
export function accessRuleOf(
  reflector: Reflector,
  targets: (object | Function)[],
): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets as never);
}

/** The global guard: authenticates the bearer token and enforces the route's declared roles. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, [context.getHandler(), context.getClass()]);
    if (!rule) {
      // Fail closed: a route nobody declared access for is a defect, never an open door.
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} has no access declaration`,
      );
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACCESS_UNDECLARED',
        'This route is not open to anyone',
      );
    }
    if (rule.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'A bearer token is required');
    }
    const principal = await this.verifier.verify(token);
    req.principal = principal;
    if (!rule.roles.includes(principal.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `The ${principal.role} role may not call this route`,
      );
    }
    return true;
  }
}
