import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify } from 'jose';
import { AppConfig, DEFAULT_CLOCK_TOLERANCE_S } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiError } from '../errors/api-error';
import { Bilingual, bilingual, Language } from '../i18n/bilingual';
import { isServiceSubject, Principal, Role, ROLES, UNIT_CODE } from './roles';

const invalid = (why: Bilingual) => new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_TOKEN', why);

/**
 * Clocks of the issuer and of this service may differ by this much (seconds) unless
 * AUTH_CLOCK_TOLERANCE_S says otherwise: a token counts until this long after its `exp`.
 */
export const CLOCK_TOLERANCE_S = DEFAULT_CLOCK_TOLERANCE_S;
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

  /** The token's principal; `at` is the moment it is checked for (now, unless a test fixes it). */
  async verify(token: string, at: Date = new Date()): Promise<Principal> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalid(
        bilingual(
          'Token bearer rusak (bukan JWT); masuk kembali untuk mendapat token baru',
          'The bearer token is malformed',
        ),
      );
    }
    const options = {
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      clockTolerance: this.config.auth.clockToleranceS,
      currentDate: at,
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.secret) {
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] }));
      } else if (alg && alg !== 'HS256' && alg !== 'none' && this.jwks) {
        ({ payload } = await jwtVerify(token, this.jwks, options));
      } else {
        throw invalid(
          bilingual(
            `Token yang ditandatangani dengan ${alg ?? 'tanpa algoritme'} tidak diterima; minta token dari penerbit yang sah`,
            `Tokens signed with ${alg ?? 'no algorithm'} are not accepted`,
          ),
        );
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_EXPIRED') {
        throw invalid(
          bilingual(
            'Token bearer sudah kedaluwarsa; masuk kembali untuk mendapat token baru',
            'The bearer token has expired',
          ),
        );
      }
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim) {
        throw invalid(
          bilingual(
            `Klaim ${claim} pada token bearer tidak dapat diterima; minta token baru dari penerbit`,
            `The bearer token's ${claim} claim is not acceptable`,
          ),
        );
      }
      throw invalid(
        bilingual(
          'Token bearer tidak sah; masuk kembali untuk mendapat token baru',
          'The bearer token is not valid',
        ),
      );
    }
    return principalFrom(payload, {
      maxLifetimeS: this.config.auth.maxTokenLifetimeS,
      clockToleranceS: this.config.auth.clockToleranceS,
      now: Math.floor(at.getTime() / 1000),
    });
  }
}

export interface TokenPolicy {
  /** The longest a token may still be valid for, in seconds from now. */
  maxLifetimeS: number;
  /** How far the issuer's clock may be ahead, in seconds (CLOCK_TOLERANCE_S by default). */
  clockToleranceS?: number;
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
  const tolerance = policy.clockToleranceS ?? CLOCK_TOLERANCE_S;
  if (typeof exp !== 'number') {
    throw invalid(
      bilingual(
        'Token bearer tidak memiliki masa berlaku (exp); minta token yang memiliki exp',
        'The bearer token has no expiry (exp)',
      ),
    );
  }
  if (exp - now > policy.maxLifetimeS + tolerance) {
    throw invalid(
      bilingual(
        `Token bearer berlaku lebih dari ${lifetime(policy.maxLifetimeS, 'id')} ke depan (exp); minta token yang masa berlakunya lebih pendek`,
        `The bearer token expires more than ${lifetime(policy.maxLifetimeS)} ahead (exp); ask for a shorter-lived one`,
      ),
    );
  }
  if (typeof iat === 'number' && iat > now + tolerance) {
    throw invalid(
      bilingual(
        'Token bearer diterbitkan pada waktu yang akan datang (iat); jam penerbit token lebih cepat daripada jam layanan ini, minta penerbit memperbaikinya',
        "The bearer token was issued in the future (iat); the issuer's clock is ahead of this service's",
      ),
    );
  }
  if (!boundedText(sub)) {
    throw invalid(
      bilingual(
        `Subjek token (sub) harus 1-${MAX_TEXT} karakter tanpa karakter kontrol`,
        `The token's subject (sub) must be 1-${MAX_TEXT} characters without control characters`,
      ),
    );
  }
  if (isServiceSubject(sub)) {
    throw invalid(
      bilingual(
        `Subjek token (sub) ${sub} adalah milik layanan ini sendiri dan tidak boleh dipakai`,
        `The token's subject (sub) ${sub} is one of the service's own`,
      ),
    );
  }
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw invalid(
      bilingual(
        `Peran (role) pada token harus salah satu dari ${ROLES.join(', ')}`,
        `The token's role must be one of ${ROLES.join(', ')}`,
      ),
    );
  }
  if (typeof unit !== 'string' || !UNIT_CODE.test(unit)) {
    throw invalid(
      bilingual(
        'Unit pada token harus berupa kode unit, misalnya diskominfo atau 31.71.01.1001',
        "The token's unit must be a unit code such as diskominfo or 31.71.01.1001",
      ),
    );
  }
  if (name !== undefined && !boundedText(name)) {
    throw invalid(
      bilingual(
        `Nama (name) pada token harus 1-${MAX_TEXT} karakter tanpa karakter kontrol`,
        `The token's name must be 1-${MAX_TEXT} characters without control characters`,
      ),
    );
  }
  if (
    channels !== undefined &&
    (!Array.isArray(channels) ||
      channels.length > MAX_CHANNELS ||
      channels.some((c) => typeof c !== 'string' || !CHANNEL_CODE.test(c)))
  ) {
    throw invalid(
      bilingual(
        `Kanal (channels) pada token harus berupa daftar berisi paling banyak ${MAX_CHANNELS} kode kanal`,
        `The token's channels must be a list of at most ${MAX_CHANNELS} channel codes`,
      ),
    );
  }
  return {
    sub,
    name: name as string | undefined,
    role: role as Role,
    unit,
    channels: (channels as string[] | undefined) ?? [],
  };
}

/** `24 h`, or `90 min`, or `45 s` (`24 jam`, `90 menit`, `45 detik`): as a person reads it. */
function lifetime(seconds: number, language: Language = 'en'): string {
  const [hours, minutes, secs] = language === 'id' ? ['jam', 'menit', 'detik'] : ['h', 'min', 's'];
  if (seconds % 3600 === 0) return `${seconds / 3600} ${hours}`;
  if (seconds % 60 === 0) return `${seconds / 60} ${minutes}`;
  return `${seconds} ${secs}`;
}

export { mintToken, type TokenClaims } from './mint-token';
