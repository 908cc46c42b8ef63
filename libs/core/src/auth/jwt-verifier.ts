import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiError } from '../errors/api-error';
import { Principal, Role, ROLES } from './roles';

const invalid = (why: string) => new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_TOKEN', why);

/**
 * Verifies bearer tokens: HS256 with AUTH_JWT_SECRET, or an issuer's public keys from
 * AUTH_JWKS_URL (fetched and cached by `jose`). Both may be configured at once; the token's
 * `alg` decides which one checks it.
 */
@Injectable()
export class JwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwtSecret, jwksUrl } = config.auth;
    if (jwtSecret) this.secret = new TextEncoder().encode(jwtSecret);
    if (jwksUrl) this.jwks = createRemoteJWKSet(new URL(jwksUrl));
  }

  async verify(token: string): Promise<Principal> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalid('The bearer token is malformed');
    }
    const options = {
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      clockTolerance: 30,
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.secret) {
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] }));
      } else if (alg && alg !== 'HS256' && alg !== 'none' && this.jwks) {
        ({ payload } = await jwtVerify(token, this.jwks, options));
      } else {
        throw invalid(`Tokens signed with ${alg ?? 'no algorithm'} are not accepted`);
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const code = (error as { code?: string }).code;
      throw invalid(
        code === 'ERR_JWT_EXPIRED'
          ? 'The bearer token has expired'
          : 'The bearer token is not valid',
      );
    }
    return principalFrom(payload);
  }
}

/** Checks the claims api.md defines and builds the principal from them. */
export function principalFrom(payload: JWTPayload): Principal {
  const { sub, name, role, unit, channels } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw invalid('The token has no subject (sub)');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw invalid(`The token's role must be one of ${ROLES.join(', ')}`);
  }
  if (typeof unit !== 'string' || !unit) throw invalid('The token has no unit');
  if (
    channels !== undefined &&
    (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string'))
  ) {
    throw invalid("The token's channels must be a list of channel codes");
  }
  return {
    sub,
    name: typeof name === 'string' ? name : undefined,
    role: role as Role,
    unit,
    channels: (channels as string[] | undefined) ?? [],
  };
}

export interface TokenClaims {
  sub: string;
  name?: string;
  role: Role;
  unit: string;
  channels?: string[];
}

/** Mints an HS256 token (development CLI and tests). */
export function mintToken(secret: string, claims: TokenClaims, ttl = '8h'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
