import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { Role, ROLES, saying, UNIT_CODE } from '@crm/core';

/** How the console's sign-in page offers to sign in. */
export class ConsoleConfigDto {
  /** The organisation's OpenID Connect provider (authorization code with PKCE); null without one */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  /** True outside production: a sign-in that mints a development token for a chosen role and unit */
  developmentSignIn: boolean;
}

export class DevelopmentSignInDto {
  /** operator, diskominfo, unit, verifier, dashboard or admin */
  @IsIn(
    ROLES,
    saying(`harus salah satu dari ${ROLES.join(', ')}`, `must be one of ${ROLES.join(', ')}`),
  )
  role: Role;

  /** The unit the person works in, e.g. diskominfo or 31.71.01.1001 */
  @Matches(
    UNIT_CODE,
    saying(
      'harus kode unit seperti diskominfo atau 31.71.01.1001',
      'must be a unit code such as diskominfo or 31.71.01.1001',
    ),
  )
  unit: string;

  /** The name shown in the ticket's history */
  @IsOptional()
  @IsString()
  @Length(2, 120)
  name?: string;

  /** An operator's channels, e.g. ["twitter", "sms"]; none means every channel */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(13)
  @Matches(
    /^[a-z0-9-]{2,40}$/,
    saying('harus kode kanal seperti sms', 'must be a channel code such as sms', { each: true }),
  )
  channels?: string[];
}

export class DevelopmentTokenDto {
  /** A bearer token for the API, as `npm run token` mints */
  token: string;
  /** When it stops being accepted (ISO 8601) */
  expiresAt: string;
}
