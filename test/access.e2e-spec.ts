import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppConfigModule, loadConfig, mintToken, ROLES, Role } from '@crm/core';
import { AccessGuard, JwtVerifier } from '@crm/core';
import { APP_GUARD } from '@nestjs/core';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import { Route, routesOf } from '@crm/core';

/** A concrete URL for a route pattern; parameters get plausible values. */
function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'date' ? '2026-01-01' : 'diskominfo',
  );
}

describe('access declarations', () => {
  let api: TestApi;
  let routes: Route[];

  beforeAll(async () => {
    api = await startTestApi();
    routes = routesOf(api.app);
  });
  afterAll(() => api.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v1/regions/kelurahan');
  });

  it('every route declares who may call it', () => {
    const undeclared = routes.filter((route) => !route.rule).map((route) => route.handler);
    expect(undeclared).toEqual([]);
  });

  it('only /health, /metrics (its own token), tracking (with its published photos), the reporter’s link, the signed JAKI push, Open311 (api_key) and the console’s sign-in are public, each with its reason', () => {
    const open = routes.filter((r) => r.rule?.kind === 'public');
    expect(open.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /health',
        'GET /metrics',
        'GET /api/v1/complaints/track/:trackingNumber',
        'GET /api/v1/complaints/track/:trackingNumber/evidence/:id',
        'GET /api/v1/complaints/track/:trackingNumber/evidence/:id/thumbnail',
        'GET /api/v1/reporter/:token',
        'POST /api/v1/reporter/:token/dispute',
        'POST /api/v1/reporter/:token/rating',
        'GET /open311/v2/requests.:format',
        'GET /open311/v2/requests/:service_request_id.:format',
        'GET /open311/v2/services.:format',
        'GET /open311/v2/services/:service_code.:format',
        'POST /api/v1/channels/jaki/complaints',
        'POST /open311/v2/requests.:format',
        'GET /api/v1/console/config',
        'POST /api/v1/console/dev-sign-in',
      ].sort(),
    );
    for (const route of open)
      expect((route.rule as { reason: string }).reason.length).toBeGreaterThan(10);
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const route of routes.filter((r) => r.rule?.kind === 'roles')) {
      const res = await api.http()[route.method.toLowerCase() as 'get'](concrete(route.path));
      expect({ route: route.handler, status: res.status }).toEqual({
        route: route.handler,
        status: 401,
      });
      expectErrorShape(res.body, 401, 'UNAUTHORIZED');
    }
  });

  it('answers 403 to every role a route does not allow', async () => {
    let checked = 0;
    for (const route of routes.filter((r) => r.rule?.kind === 'roles')) {
      const allowed = (route.rule as { roles: readonly Role[] }).roles;
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const call = api.http()[route.method.toLowerCase() as 'get'](concrete(route.path));
        const res = await call.set('Authorization', `Bearer ${await api.token(role)}`);
        expect({ route: route.handler, role, status: res.status }).toEqual({
          route: route.handler,
          role,
          status: 403,
        });
        expectErrorShape(res.body, 403, 'FORBIDDEN');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('a route without an access declaration', () => {
  it('is reported by the route check and refused at run time', async () => {
    const config = loadConfig(process.env);
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), UndeclaredModule],
      providers: [JwtVerifier, { provide: APP_GUARD, useClass: AccessGuard }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(
        routesOf(app)
          .filter((r) => !r.rule)
          .map((r) => r.handler),
      ).toEqual(['UndeclaredController.open']);
      const token = await mintToken(config.auth.jwtSecret!, {
        sub: 'a',
        role: 'admin',
        unit: 'diskominfo',
      });
      const res = await request(app.getHttpServer())
        .get('/undeclared')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('bearer tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const call = (token: string) =>
    api.http().get('/api/v1/channels').set('Authorization', `Bearer ${token}`);

  it('accepts a valid HS256 token', async () => {
    expect((await call(await api.token('operator', 'diskominfo', ['twitter']))).status).toBe(200);
  });

  it('rejects a token signed with another secret, an expired one, a malformed one and alg none', async () => {
    const claims = { sub: 'x', role: 'admin' as const, unit: 'diskominfo' };
    const forged = await mintToken('another-secret-that-is-long-enough-1234', claims);
    const expired = await new SignJWT({ role: 'admin', unit: 'diskominfo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET!));
    const unsigned =
      Buffer.from('{"alg":"none"}').toString('base64url') +
      '.' +
      Buffer.from(JSON.stringify({ ...claims, exp: 9999999999 })).toString('base64url') +
      '.';
    for (const token of [forged, expired, 'not-a-jwt', unsigned]) {
      const res = await call(token);
      expect(res.status).toBe(401);
      expectErrorShape(res.body, 401, 'INVALID_TOKEN');
    }
    expect((await call(expired)).body.message).toMatch(/expired/);
  });

  it('rejects a token whose claims are not those of docs/api.md', async () => {
    const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET!);
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setExpirationTime('1h')
        .sign(secret);
    for (const payload of [
      { role: 'superuser', unit: 'x' },
      { role: 'admin' },
      { role: 'operator', unit: 'x', channels: 'sms' },
    ]) {
      const res = await call(await sign(payload));
      expect(res.status).toBe(401);
    }
  });
});

describe('tokens from an issuer’s JWKS', () => {
  let jwks: Server;
  let api: TestApi;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    api = await startTestApi({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      AUTH_ISSUER: 'https://sso.jakarta.go.id',
    });
  });
  afterAll(async () => {
    await api.close();
    jwks.close();
  });

  const sign = (issuer: string) =>
    new SignJWT({ role: 'diskominfo', unit: 'diskominfo' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('validator-1')
      .setIssuer(issuer)
      .setExpirationTime('10m')
      .sign(privateKey);

  it('accepts a token signed by the issuer’s key and refuses one from another issuer', async () => {
    const ok = await api
      .http()
      .get('/api/v1/channels')
      .set('Authorization', `Bearer ${await sign('https://sso.jakarta.go.id')}`);
    expect(ok.status).toBe(200);
    const other = await api
      .http()
      .get('/api/v1/channels')
      .set('Authorization', `Bearer ${await sign('https://elsewhere')}`);
    expect(other.status).toBe(401);
  });
});
