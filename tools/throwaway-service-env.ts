import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/**
 * The configuration of a service started for one run (a benchmark, the backup drill): fresh
 * secrets and queues of its own, files in `dir`, no rate limit, warnings only.
 */
export function throwawayServiceEnv(name: string, dir: string): Record<string, string> {
  const secret = () => randomBytes(32).toString('hex');
  return {
    QUEUE_PREFIX: `crm-${name}-${randomBytes(3).toString('hex')}`,
    STORAGE_URL: `file://${path.join(dir, 'files')}`,
    AUTH_JWT_SECRET: secret(),
    JAKI_WEBHOOK_SECRET: secret(),
    PII_ENCRYPTION_KEY: secret(),
    THROTTLE_LIMIT: '100000000',
    LOG_LEVEL: 'warn',
  };
}
