import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every environment variable the service reads. The names are the operators' interface
 * (see README "Configuration"); keep them stable.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: 'development' | 'test' | 'production';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  /** The address the HTTP server listens on: loopback unless told otherwise (`0.0.0.0`) */
  @IsOptional()
  @Matches(/^[0-9A-Za-z.:-]{1,253}$/, { message: 'must be a host name or an IP address' })
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL connections each process (the API, the worker) may hold; 20 by default. On a
   * small machine fewer contend less for its cores (docs/benchmarks.md)
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  /** Where the built console is; dist/console (what `npm run build` writes) unless set */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;

  /** The console's OpenID Connect provider (docs/console.md); without it, no sign-in there */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  CONSOLE_OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  CONSOLE_OIDC_CLIENT_ID?: string;

  /** Scopes the console asks for, space-separated; `openid profile` unless set */
  @IsOptional()
  @IsString()
  CONSOLE_OIDC_SCOPE?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  /** The longest a bearer token may still be valid for when it is presented, in seconds */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  AUTH_TOKEN_MAX_LIFETIME_S?: number;

  /**
   * How far the issuer's clock may differ from this service's, in seconds: a token still counts
   * until this long after its `exp`, and may be issued (`iat`, `nbf`) this far in the future
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_TOLERANCE_S?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JAKI_WEBHOOK_SECRET?: string;

  /** JAKI's previous secret, still accepted on pushes while JAKI switches to the new one */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JAKI_WEBHOOK_SECRET_PREVIOUS?: string;

  /** Required of Prometheus as its bearer token at /metrics when set */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Where a separate worker serves its /metrics; 0 turns it off */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'must be 32 bytes as 64 hex characters' })
  PII_ENCRYPTION_KEY?: string;

  // A dot would split the stored token (`v1.<keyId>.<data>`): the cipher refuses it.
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1-32 characters of [A-Za-z0-9_-]' })
  PII_ENCRYPTION_KEY_ID?: string;

  /** Earlier keys, still read after a rotation: `id:hex[,id:hex…]` */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[0-9a-fA-F]{64}(,[A-Za-z0-9_-]{1,32}:[0-9a-fA-F]{64})*$/, {
    message: 'must be id:64-hex-key pairs separated by commas',
  })
  PII_PREVIOUS_KEYS?: string;

  /** The key whose derived lookup key hashes NIKs and phones: the first key's id, kept across rotations */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1-32 characters of [A-Za-z0-9_-]' })
  PII_LOOKUP_KEY_ID?: string;

  /** Full NIK, KK or phone numbers one person may reveal per hour before an alert */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PII_REVEAL_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  THROTTLE_TTL_MS?: number;

  /** Refused credentials (tokens, signatures, API keys) per client address per window */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_LIMIT?: number;

  /**
   * Proxies whose X-Forwarded-For is believed: Express's `trust proxy` list (addresses, CIDRs,
   * `loopback`, `uniquelocal`, …); unset trusts none.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:/, ]{1,500}$/, {
    message: 'must be a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal',
  })
  TRUST_PROXY?: string;

  /** Extreme-poverty line, rupiah per person per month (BPS via Kepsekda 75/2023) */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  POVERTY_LINE_EXTREME?: number;

  /** DKI Jakarta's poverty line, rupiah per person per month (March 2022) */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  POVERTY_LINE_DKI?: number;

  /** Days a prelist entry waits for its first verification before it is overdue (local decision) */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRELIST_VERIFICATION_DAYS?: number;

  /** Days a verified prelist entry waits for the Musyawarah Kelurahan (local decision) */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRELIST_MUSKEL_DAYS?: number;

  /**
   * The dates each year on which the target data set is determined, as MM-DD: at least two
   * (75/2023 §3.1.4.a: "paling sedikit dua kali dalam satu tahun"); which dates is a local decision
   */
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(,(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))+$/, {
    message:
      'must be at least two MM-DD dates separated by commas (75/2023 §3.1.4.a), e.g. 06-30,12-31',
  })
  PRELIST_DETERMINATION_DATES?: string;

  @IsOptional()
  @Matches(/^([A-Za-z0-9_-]{16,}:[a-z0-9-]+)(,[A-Za-z0-9_-]{16,}:[a-z0-9-]+)*$/, {
    message: 'must be key:channel pairs separated by commas (keys of 16+ characters)',
  })
  OPEN311_API_KEYS?: string;

  @IsOptional()
  @IsBooleanString({ message: 'must be true or false' })
  RUN_WORKER?: string;

  /** Whether unit webhooks may point at loopback, private and other non-public addresses */
  @IsOptional()
  @IsBooleanString({ message: 'must be true or false' })
  WEBHOOK_ALLOW_PRIVATE?: string;

  /** The address citizens reach the service at: the reporter's links in notices start with it */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_BASE_URL?: string;

  /** JAKI's endpoint for the reporter's notices (signed with JAKI_WEBHOOK_SECRET) */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  JAKI_CALLBACK_URL?: string;

  /** SP4N-LAPOR!'s endpoint for responses to `lapor-1708` complaints */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  LAPOR_API_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  LAPOR_API_TOKEN?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  SMS_GATEWAY_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  SMS_GATEWAY_TOKEN?: string;

  /** smtp://user:pass@host:port (or smtps://) for e-mail to reporters */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  MAIL_FROM?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9:_-]+$/, { message: 'must be letters, digits, ":", "_" or "-"' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Where attachments are kept: `file://<dir>` (default `<DATA_DIR>/files`) or `s3://<bucket>?…` */
  @IsOptional()
  @Matches(/^(file:\/\/.+|s3:\/\/[a-z0-9.-]{3,63}(\?.*)?)$/, {
    message: 'must be file://<dir> or s3://<bucket>?endpoint=<url>&region=<region>',
  })
  STORAGE_URL?: string;
}

/** Thrown at boot; `variables` names every variable that is missing or malformed. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(
      'Invalid configuration: ' +
        problems.map(({ variable, problem }) => `${variable} ${problem}`).join('; '),
    );
    this.name = 'ConfigValidationError';
  }
}

export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  // Empty strings are treated as unset, as shells and compose files produce them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length) {
    throw new ConfigValidationError(
      errors.map((error) => ({
        variable: error.property,
        problem: Object.values(error.constraints ?? {}).join(', '),
      })),
    );
  }
  return parsed;
}
