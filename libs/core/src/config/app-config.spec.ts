import { loadConfig } from './app-config';
import { ConfigValidationError } from './environment';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  JAKI_WEBHOOK_SECRET: 'y'.repeat(32),
  PII_ENCRYPTION_KEY: 'ab'.repeat(32),
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('builds typed configuration with defaults from a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.pii.keyId).toBe('k1');
    expect(config.worker.inProcess).toBe(true);
    expect(config.open311.apiKeys).toEqual([]);
    expect(config.auth.maxTokenLifetimeS).toBe(24 * 3600);
    expect(config.webhooks.allowPrivate).toBe(false);
    expect(config.database.poolSize).toBe(20);
    expect(loadConfig({ ...valid, DATABASE_POOL_SIZE: '4' }).database.poolSize).toBe(4);
  });

  it('reads the longest lifetime a token may have', () => {
    const config = loadConfig({ ...valid, AUTH_TOKEN_MAX_LIFETIME_S: '3600' });
    expect(config.auth.maxTokenLifetimeS).toBe(3600);
    expect(config.auth.clockToleranceS).toBe(30);
    expect(loadConfig({ ...valid, AUTH_CLOCK_TOLERANCE_S: '0' }).auth.clockToleranceS).toBe(0);
  });

  it('lets webhooks reach private addresses only when told so', () => {
    expect(loadConfig({ ...valid, WEBHOOK_ALLOW_PRIVATE: 'true' }).webhooks.allowPrivate).toBe(
      true,
    );
    expect(loadConfig({ ...valid, WEBHOOK_ALLOW_PRIVATE: 'false' }).webhooks.allowPrivate).toBe(
      false,
    );
  });

  it('determines the target data set at least twice a year (75/2023 §3.1.4.a)', () => {
    expect(loadConfig(valid).prelist.determinationDates).toEqual(['06-30', '12-31']);
    expect(
      loadConfig({ ...valid, PRELIST_DETERMINATION_DATES: '12-15,03-31,08-31' }).prelist
        .determinationDates,
    ).toEqual(['03-31', '08-31', '12-15']);
    expect(problemsOf({ ...valid, PRELIST_DETERMINATION_DATES: '06-30' })).toEqual([
      'PRELIST_DETERMINATION_DATES',
    ]);
    expect(problemsOf({ ...valid, PRELIST_DETERMINATION_DATES: '06-30,06-30' })).toEqual([
      'PRELIST_DETERMINATION_DATES',
    ]);
    expect(problemsOf({ ...valid, PRELIST_DETERMINATION_DATES: '13-01,06-30' })).toEqual([
      'PRELIST_DETERMINATION_DATES',
    ]);
  });

  it('names every missing required variable', () => {
    expect(problemsOf({}).sort()).toEqual(
      [
        'AUTH_JWT_SECRET',
        'DATABASE_URL',
        'JAKI_WEBHOOK_SECRET',
        'PII_ENCRYPTION_KEY',
        'REDIS_URL',
      ].sort(),
    );
  });

  it('treats empty strings as unset', () => {
    expect(problemsOf({ ...valid, REDIS_URL: '' })).toEqual(['REDIS_URL']);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/crm'],
    ['PII_ENCRYPTION_KEY', 'not-hex'],
    ['AUTH_JWT_SECRET', 'short'],
    ['NODE_ENV', 'staging'],
    ['OPEN311_API_KEYS', 'key-without-channel'],
    ['AUTH_TOKEN_MAX_LIFETIME_S', '30'],
    ['AUTH_TOKEN_MAX_LIFETIME_S', 'a day'],
    ['AUTH_CLOCK_TOLERANCE_S', '-1'],
    ['AUTH_CLOCK_TOLERANCE_S', '301'],
    ['AUTH_CLOCK_TOLERANCE_S', 'half a minute'],
    ['WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'many'],
  ])('rejects malformed %s=%s by name', (variable, value) => {
    expect(problemsOf({ ...valid, [variable]: value })).toEqual([variable]);
  });

  it('parses Open311 API keys into key → channel pairs', () => {
    const config = loadConfig({
      ...valid,
      OPEN311_API_KEYS: 'lapor-key-0123456789:lapor-1708,sms-key-01234567890:sms',
    });
    expect(config.open311.apiKeys).toEqual([
      { key: 'lapor-key-0123456789', channel: 'lapor-1708' },
      { key: 'sms-key-01234567890', channel: 'sms' },
    ]);
  });

  it('accepts a JWKS URL instead of a shared secret', () => {
    const { AUTH_JWT_SECRET: _unused, ...rest } = valid;
    void _unused;
    expect(
      loadConfig({ ...rest, AUTH_JWKS_URL: 'https://sso.jakarta.go.id/jwks' }).auth.jwksUrl,
    ).toBe('https://sso.jakarta.go.id/jwks');
  });
});
