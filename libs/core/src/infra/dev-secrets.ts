import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const DEV_SECRET_NAMES = ['AUTH_JWT_SECRET', 'JAKI_WEBHOOK_SECRET', 'PII_ENCRYPTION_KEY'] as const;
export type DevSecrets = Record<(typeof DEV_SECRET_NAMES)[number], string>;

/**
 * Outside production, secrets nobody set are generated once per checkout and kept in
 * `<dataDir>/dev-secrets.json`, so the service, `npm run token` and data encrypted earlier keep
 * agreeing across restarts — and no secret is ever committed to the repository.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = {
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    JAKI_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

/** Fills unset secret variables in `env` from the development secrets. */
export function applyDevSecrets(env: NodeJS.ProcessEnv, dataDir: string): void {
  const secrets = loadOrCreateDevSecrets(dataDir);
  for (const name of DEV_SECRET_NAMES) {
    if (name === 'AUTH_JWT_SECRET' && env.AUTH_JWKS_URL) continue;
    if (!env[name]) env[name] = secrets[name];
  }
}
