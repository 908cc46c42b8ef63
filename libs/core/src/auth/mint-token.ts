import { SignJWT } from 'jose';
import type { Role } from './roles';

// Its own module, apart from the verifier and Nest: `npm run token` loads only this and jose.

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
