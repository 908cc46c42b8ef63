import * as path from 'node:path';
import { ConfigValidationError, parseEnvironment } from './environment';

export type Environment = 'development' | 'test' | 'production';

/** The typed configuration every part of the service reads, one namespace per area. */
/**
 * Seconds the clocks of a token's issuer and of this service may differ by default: enough for
 * machines kept by NTP, short enough that an expired token is not worth stealing.
 */
export const DEFAULT_CLOCK_TOLERANCE_S = 30;

export interface AppConfig {
  env: Environment;
  dataDir: string;
  http: {
    /** Where the server listens: 127.0.0.1 unless `HOST` says otherwise (a container: 0.0.0.0) */
    host: string;
    port: number;
    bodyLimit: string;
    /** Express `trust proxy`: false, or the proxies whose X-Forwarded-For counts. */
    trustProxy: false | string[];
  };
  /** `poolSize`: connections this process may hold (DATABASE_POOL_SIZE) */
  database: { url: string; poolSize: number };
  redis: { url: string; queuePrefix: string };
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** Seconds: a token whose `exp` lies further ahead is refused. */
    maxTokenLifetimeS: number;
    /** Seconds the issuer's clock may be off: an expired token counts until `exp` + this. */
    clockToleranceS: number;
  };
  /** JAKI signs pushes with `webhookSecret` (or, during a rotation, the previous one). */
  jaki: { webhookSecret: string; previousWebhookSecret?: string };
  /** The web console (docs/console.md): how people sign in there. */
  console: {
    /** The organisation's OpenID Connect provider (authorization code with PKCE), if any. */
    oidc?: { issuer: string; clientId: string; scope: string };
    /** A development sign-in that mints tokens for any role: never in production. */
    developmentSignIn: boolean;
    /** Where the built console is, when not in dist/console. */
    dir?: string;
  };
  metrics: {
    /** Prometheus's bearer token at /metrics; without it the figures are open to whoever reaches them. */
    token?: string;
    /** Where a separate worker serves its own /metrics (0: nowhere). */
    workerPort: number;
  };
  pii: {
    encryptionKey: string;
    keyId: string;
    /** Earlier keys: values written under them still decrypt (docs/operations.md, "Key rotation"). */
    previousKeys: { id: string; keyHex: string }[];
    /** The key the lookup hashes derive from: the current key unless a rotation kept the first. */
    lookupKeyId: string;
    revealLimitPerHour: number;
  };
  /** Requests per caller per window; refused credentials per client address per window. */
  throttle: { limit: number; ttlMs: number; authFailureLimit: number };
  /** Per person per month, rupiah: the triage suggestion's thresholds */
  povertyLines: { extreme: number; dki: number };
  /**
   * The prelist's clock: days for the first verification and for the Musyawarah (local
   * decisions), and the yearly determination dates of the target data set (MM-DD, ≥ 2)
   */
  prelist: { verificationDays: number; muskelDays: number; determinationDates: string[] };
  open311: { apiKeys: { key: string; channel: string }[] };
  worker: { inProcess: boolean };
  /** Where citizens reach the service (the reporter's links start with it). */
  publicBaseUrl: string;
  /**
   * The reporter's ways back (docs/notifications.md); each absent one leaves its notices
   * `not_configured`.
   */
  reporterChannels: {
    jakiCallbackUrl?: string;
    lapor?: { url: string; token: string };
    sms?: { url: string; token: string };
    smtp?: { url: string; from: string };
  };
  /** Where attachments are kept: `file://<dir>` or `s3://<bucket>?endpoint=&region=`. */
  storageUrl: string;
  /** Whether a unit's webhook may be a loopback, private or otherwise non-public address. */
  webhooks: { allowPrivate: boolean };
  log: { level: string };
}

/**
 * Variables the service cannot run without. Outside production, `startLocalInfrastructure`
 * fills them in beforehand (embedded PostgreSQL and Redis, generated development secrets).
 */
const REQUIRED = [
  'DATABASE_URL',
  'REDIS_URL',
  'JAKI_WEBHOOK_SECRET',
  'PII_ENCRYPTION_KEY',
] as const;

/**
 * Validates the environment and builds the typed configuration. Throws ConfigValidationError
 * naming every missing or malformed variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = parseEnvironment(env);
  const nodeEnv: Environment = vars.NODE_ENV ?? 'development';
  const missing: { variable: string; problem: string }[] = REQUIRED.filter(
    (name) => !vars[name],
  ).map((variable) => ({ variable, problem: 'is required' }));
  if (!vars.AUTH_JWT_SECRET && !vars.AUTH_JWKS_URL) {
    missing.push({ variable: 'AUTH_JWT_SECRET', problem: 'is required (or AUTH_JWKS_URL)' });
  }
  const determinationDates = [
    ...new Set((vars.PRELIST_DETERMINATION_DATES ?? '06-30,12-31').split(',')),
  ].sort();
  if (determinationDates.length < 2) {
    missing.push({
      variable: 'PRELIST_DETERMINATION_DATES',
      problem: 'must name at least two different dates (75/2023 §3.1.4.a)',
    });
  }
  // The lookup hashes derive from one key for good: it must be among the keys given.
  const keyIds = [
    vars.PII_ENCRYPTION_KEY_ID ?? 'k1',
    ...(vars.PII_PREVIOUS_KEYS ?? '').split(',').map((pair) => pair.split(':')[0]),
  ];
  if (vars.PII_LOOKUP_KEY_ID && !keyIds.includes(vars.PII_LOOKUP_KEY_ID)) {
    missing.push({
      variable: 'PII_LOOKUP_KEY_ID',
      problem: `must name the current key or one of PII_PREVIOUS_KEYS (${keyIds.filter(Boolean).join(', ')})`,
    });
  }
  // A gateway's address without its token (or the reverse) is a typo, not a choice.
  for (const [url, token] of [
    ['LAPOR_API_URL', 'LAPOR_API_TOKEN'],
    ['SMS_GATEWAY_URL', 'SMS_GATEWAY_TOKEN'],
  ] as const) {
    if (Boolean(vars[url]) !== Boolean(vars[token])) {
      const absent = vars[url] ? token : url;
      missing.push({ variable: absent, problem: `is required with ${vars[url] ? url : token}` });
    }
  }
  if (Boolean(vars.CONSOLE_OIDC_ISSUER) !== Boolean(vars.CONSOLE_OIDC_CLIENT_ID)) {
    const absent = vars.CONSOLE_OIDC_ISSUER ? 'CONSOLE_OIDC_CLIENT_ID' : 'CONSOLE_OIDC_ISSUER';
    missing.push({
      variable: absent,
      problem: 'the console needs both the issuer and its client id',
    });
  }
  if (missing.length) throw new ConfigValidationError(missing);

  return {
    env: nodeEnv,
    dataDir: path.resolve(vars.DATA_DIR ?? '.data'),
    http: {
      host: vars.HOST ?? '127.0.0.1',
      port: vars.PORT ?? 3000,
      bodyLimit: '1mb',
      trustProxy: vars.TRUST_PROXY
        ? vars.TRUST_PROXY.split(',')
            .map((entry) => entry.trim())
            .filter(Boolean)
        : false,
    },
    database: { url: vars.DATABASE_URL!, poolSize: vars.DATABASE_POOL_SIZE ?? 20 },
    redis: { url: vars.REDIS_URL!, queuePrefix: vars.QUEUE_PREFIX ?? 'crm' },
    auth: {
      jwtSecret: vars.AUTH_JWT_SECRET,
      jwksUrl: vars.AUTH_JWKS_URL,
      issuer: vars.AUTH_ISSUER,
      audience: vars.AUTH_AUDIENCE,
      // A working day and then some; the development CLI mints 8-hour tokens.
      maxTokenLifetimeS: vars.AUTH_TOKEN_MAX_LIFETIME_S ?? 24 * 3600,
      clockToleranceS: vars.AUTH_CLOCK_TOLERANCE_S ?? DEFAULT_CLOCK_TOLERANCE_S,
    },
    jaki: {
      webhookSecret: vars.JAKI_WEBHOOK_SECRET!,
      previousWebhookSecret: vars.JAKI_WEBHOOK_SECRET_PREVIOUS,
    },
    console: {
      oidc:
        vars.CONSOLE_OIDC_ISSUER && vars.CONSOLE_OIDC_CLIENT_ID
          ? {
              issuer: vars.CONSOLE_OIDC_ISSUER.replace(/\/+$/, ''),
              clientId: vars.CONSOLE_OIDC_CLIENT_ID,
              scope: vars.CONSOLE_OIDC_SCOPE ?? 'openid profile',
            }
          : undefined,
      developmentSignIn: nodeEnv !== 'production' && Boolean(vars.AUTH_JWT_SECRET),
      dir: vars.CONSOLE_DIR ? path.resolve(vars.CONSOLE_DIR) : undefined,
    },
    metrics: { token: vars.METRICS_TOKEN, workerPort: vars.WORKER_METRICS_PORT ?? 9464 },
    pii: {
      encryptionKey: vars.PII_ENCRYPTION_KEY!,
      keyId: vars.PII_ENCRYPTION_KEY_ID ?? 'k1',
      previousKeys: (vars.PII_PREVIOUS_KEYS ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [id, keyHex] = pair.split(':');
          return { id, keyHex };
        }),
      lookupKeyId: vars.PII_LOOKUP_KEY_ID ?? vars.PII_ENCRYPTION_KEY_ID ?? 'k1',
      revealLimitPerHour: vars.PII_REVEAL_LIMIT ?? 30,
    },
    throttle: {
      limit: vars.THROTTLE_LIMIT ?? 600,
      ttlMs: vars.THROTTLE_TTL_MS ?? 60_000,
      authFailureLimit: vars.AUTH_FAILURE_LIMIT ?? 20,
    },
    povertyLines: {
      extreme: vars.POVERTY_LINE_EXTREME ?? 322_170,
      dki: vars.POVERTY_LINE_DKI ?? 738_955,
    },
    prelist: {
      verificationDays: vars.PRELIST_VERIFICATION_DAYS ?? 14,
      muskelDays: vars.PRELIST_MUSKEL_DAYS ?? 30,
      determinationDates,
    },
    open311: {
      apiKeys: (vars.OPEN311_API_KEYS ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [key, channel] = pair.split(':');
          return { key, channel };
        }),
    },
    worker: { inProcess: (vars.RUN_WORKER ?? 'true') === 'true' },
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${vars.PORT ?? 3000}`).replace(
      /\/+$/,
      '',
    ),
    reporterChannels: {
      jakiCallbackUrl: vars.JAKI_CALLBACK_URL,
      lapor:
        vars.LAPOR_API_URL && vars.LAPOR_API_TOKEN
          ? { url: vars.LAPOR_API_URL, token: vars.LAPOR_API_TOKEN }
          : undefined,
      sms:
        vars.SMS_GATEWAY_URL && vars.SMS_GATEWAY_TOKEN
          ? { url: vars.SMS_GATEWAY_URL, token: vars.SMS_GATEWAY_TOKEN }
          : undefined,
      smtp: vars.SMTP_URL
        ? {
            url: vars.SMTP_URL,
            from: vars.MAIL_FROM ?? 'CRM Pemprov DKI Jakarta <crm@jakarta.go.id>',
          }
        : undefined,
    },
    webhooks: { allowPrivate: vars.WEBHOOK_ALLOW_PRIVATE === 'true' },
    storageUrl:
      vars.STORAGE_URL ?? `file://${path.join(path.resolve(vars.DATA_DIR ?? '.data'), 'files')}`,
    log: { level: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info') },
  };
}
