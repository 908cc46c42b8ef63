import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

/** Runs the API's real entry point and returns how it ended. */
function boot(env: NodeJS.ProcessEnv) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

const productionEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL,
  AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET,
  JAKI_WEBHOOK_SECRET: process.env.JAKI_WEBHOOK_SECRET,
  PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY,
};

describe('booting with bad configuration', () => {
  it('exits non-zero naming a missing required variable', () => {
    const { status, stderr } = boot({ ...productionEnv, JAKI_WEBHOOK_SECRET: undefined });
    expect(status).toBe(1);
    expect(stderr).toContain('JAKI_WEBHOOK_SECRET is required');
  });

  it('exits non-zero naming each malformed variable', () => {
    const { status, stderr } = boot({
      ...productionEnv,
      PORT: 'eighty',
      PII_ENCRYPTION_KEY: 'short',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('PII_ENCRYPTION_KEY must be 32 bytes as 64 hex characters');
  });
});
