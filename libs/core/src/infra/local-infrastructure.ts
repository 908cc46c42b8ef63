import * as path from 'node:path';
import { parseEnvironment } from '../config/environment';
import { applyDevSecrets } from './dev-secrets';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startEmbeddedRedis } from './embedded-redis';
import { LocalService } from './local-service';

export interface LocalInfrastructure {
  stop(): Promise<void>;
}

/**
 * The "embedded default": outside production, whatever the environment leaves unset is provided
 * locally — PostgreSQL from `embedded-postgres` and `redis-server` (AOF on), both with their data
 * under DATA_DIR (./.data), and generated development secrets. With DATABASE_URL and REDIS_URL
 * set, nothing is started. Malformed variables are reported before anything starts.
 */
export async function startLocalInfrastructure(
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  needs: { redis: boolean } = { redis: true },
): Promise<LocalInfrastructure> {
  const vars = parseEnvironment(env);
  if ((vars.NODE_ENV ?? 'development') === 'production') return { stop: async () => undefined };

  const dataDir = path.resolve(vars.DATA_DIR ?? '.data');
  applyDevSecrets(env, dataDir);
  const started: LocalService[] = [];
  try {
    if (!vars.DATABASE_URL) {
      const pg = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), 'crm', log);
      started.push(pg);
      env.DATABASE_URL = pg.url;
    }
    if (needs.redis && !vars.REDIS_URL) {
      const redis = await startEmbeddedRedis(path.join(dataDir, 'redis'), log);
      started.push(redis);
      env.REDIS_URL = redis.url;
    }
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }
  return {
    // After the service itself: PostgreSQL, then Redis, each whatever became of the other.
    stop: async () => {
      for (const service of started) await service.stop().catch(() => undefined);
    },
  };
}
