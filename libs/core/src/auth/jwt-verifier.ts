import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify } from 'jose';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiError } from '../errors/api-error';
import { isServiceSubject, Principal, Role, ROLES, UNIT_CODE } from './roles';

const invalid = (why: string) => new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_TOKEN', why);

/** Clocks of the issuer and of this service may differ by this much (seconds). */
export const CLOCK_TOLERANCE_S = 30;
/** At most this many channels in a token: there are 13. */
const MAX_CHANNELS = 32;
const MAX_TEXT = 200;
const CHANNEL_CODE = /^[a-z0-9-]{1,32}$/;
// Control characters (NUL included) and lone surrogates: no identifier or name holds them, and
// PostgreSQL refuses NUL in text (a token's claims are written to audit rows).
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

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
      clockTolerance: CLOCK_TOLERANCE_S,
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
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_EXPIRED') throw invalid('The bearer token has expired');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim) {
        throw invalid(`The bearer token's ${claim} claim is not acceptable`);
      }
      throw invalid('The bearer token is not valid');
    }
    return principalFrom(payload, { maxLifetimeS: this.config.auth.maxTokenLifetimeS });
  }
}

export interface TokenPolicy {
  /** The longest a token may still be valid for, in seconds from now. */
  maxLifetimeS: number;
  /** Seconds since the epoch (tests fix it). */
  now?: number;
}

const boundedText = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length >= 1 &&
  value.length <= MAX_TEXT &&
  !UNPRINTABLE.test(value);

/**
 * Checks the claims docs/api.md defines and builds the principal from them. Every claim is bounded
 * here, so nothing a token says can fail later where it is stored (a 500), live for ever or
 * speak for the service itself.
 */
export function principalFrom(payload: JWTPayload, policy: TokenPolicy): Principal {
  const { sub, name, role, unit, channels, exp, iat } = payload as JWTPayload &
    Record<string, unknown>;
  const now = policy.now ?? Math.floor(Date.now() / 1000);
  if (typeof exp !== 'number') throw invalid('The bearer token has no expiry (exp)');
  if (exp - now > policy.maxLifetimeS + CLOCK_TOLERANCE_S) {
    throw invalid(
      `The bearer token expires more than ${lifetime(policy.maxLifetimeS)} ahead (exp); ask for a shorter-lived one`,
    );
  }
  if (typeof iat === 'number' && iat > now + CLOCK_TOLERANCE_S) {
    throw invalid(
      "The bearer token was issued in the future (iat); the issuer's clock is ahead of this service's",
    );
  }
  if (!boundedText(sub)) {
    throw invalid(
      `The token's subject (sub) must be 1-${MAX_TEXT} characters without control characters`,
    );
  }
  if (isServiceSubject(sub)) {
    throw invalid(`The token's subject (sub) ${sub} is one of the service's own`);
  }
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw invalid(`The token's role must be one of ${ROLES.join(', ')}`);
  }
  if (typeof unit !== 'string' || !UNIT_CODE.test(unit)) {
    throw invalid("The token's unit must be a unit code such as diskominfo or 31.71.01.1001");
  }
  if (name !== undefined && !boundedText(name)) {
    throw invalid(`The token's name must be 1-${MAX_TEXT} characters without control characters`);
  }
  if (
    channels !== undefined &&
    (!Array.isArray(channels) ||
      channels.length > MAX_CHANNELS ||
      channels.some((c) => typeof c !== 'string' || !CHANNEL_CODE.test(c)))
  ) {
    throw invalid(`The token's channels must be a list of at most ${MAX_CHANNELS} channel codes`);
  }
  return {
    sub,
    name: name as string | undefined,
    role: role as Role,
    unit,
    channels: (channels as string[] | undefined) ?? [],
  };
}

/** `24 h`, or `90 min`, or `45 s`: the lifetime as a person reads it. */
function lifetime(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export { mintToken, type TokenClaims } from './mint-token';
