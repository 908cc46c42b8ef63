import { SetMetadata } from '@nestjs/common';
import { ROLES, Role } from './roles';

export const ACCESS_RULE = 'crm:access-rule';

/**
 * Every route declares who may call it; the global AccessGuard refuses a route without a
 * declaration, and a test walks the route table to make sure none is missing.
 */
export type AccessRule =
  { kind: 'public'; reason: string } | { kind: 'roles'; roles: readonly Role[] };

/** Open to anyone without a token; the reason documents why that is safe. */
export const Public = (reason: string) =>
  SetMetadata<string, AccessRule>(ACCESS_RULE, { kind: 'public', reason });

/** A valid token with one of these roles; finer scope checks happen in the service layer. */
export const Roles = (...roles: Role[]) =>
  SetMetadata<string, AccessRule>(ACCESS_RULE, { kind: 'roles', roles });

/** Any valid token, whatever its role (reference data, `locate`). */
export const AnyRole = () => Roles(...ROLES);
