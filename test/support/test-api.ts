import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { loadConfig, mintToken, prepareDatabaseAt, Role } from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { createApi } from '../../apps/api/src/create-api';
import { createScratchDatabase } from '../../tools/scratch-database';

export interface TestApi {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  token: (role: Role, unit?: string, channels?: string[]) => Promise<string>;
  close: () => Promise<void>;
  /** The database of an API started on one of its own (startFreshTestApi). */
  databaseUrl?: string;
}

/** The API as production builds it, on the test run's database and Redis. */
export async function startTestApi(env: NodeJS.ProcessEnv = {}): Promise<TestApi> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await createApi(config);
  // Distinct subjects per app keep rate-limit counters of different suites apart.
  const instance = Math.random().toString(36).slice(2, 8);
  return {
    app,
    http: () => inEnglish(request(app.getHttpServer())),
    token: (role, unit = role === 'unit' ? '31.71.01.1001' : 'diskominfo', channels) =>
      mintToken(config.auth.jwtSecret!, { sub: `test-${role}-${instance}`, role, unit, channels }),
    close: () => app.close(),
  };
}

/**
 * The API on a database and queues of its own, migrated and seeded as a fresh start is: for
 * suites that write what others would meet (holidays, deadline rules, webhooks) or that need the
 * state of a first start (the documentation's examples). `close` drops the database.
 */
export async function startFreshTestApi(env: NodeJS.ProcessEnv = {}): Promise<TestApi> {
  const database = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_fresh');
  try {
    await prepareDatabaseAt(database.url, [seedReferenceData]);
    const api = await startTestApi({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `crm-fresh-${randomBytes(4).toString('hex')}`,
      ...env,
    });
    return {
      ...api,
      databaseUrl: database.url,
      close: async () => {
        await api.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * Requests that ask for English (`Accept-Language: en`): the suites assert English wording. The
 * service's default, Indonesian, is asserted where it is the subject (error-language.e2e-spec);
 * a test may still `.set('Accept-Language', 'id')` on one request.
 */
function inEnglish(agent: ReturnType<typeof request>): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => request.Test)
          .apply(target, args)
          .set('Accept-Language', 'en');
    },
  });
}

/** The documented error shape, and nothing more (no stack, no internals). */
export function expectErrorShape(body: unknown, statusCode: number, code?: string): void {
  expect(Object.keys(body as object).sort()).toEqual([
    'code',
    'details',
    'message',
    'requestId',
    'statusCode',
  ]);
  const error = body as {
    statusCode: number;
    code: string;
    message: string;
    details: unknown;
    requestId: string;
  };
  expect(error.statusCode).toBe(statusCode);
  if (code) expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(Array.isArray(error.details)).toBe(true);
  expect(error.requestId).toMatch(/\S/);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}
