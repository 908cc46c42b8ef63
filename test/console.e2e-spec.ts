import { startTestApi, TestApi } from './support/test-api';

describe('the console’s sign-in', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      CONSOLE_OIDC_ISSUER: 'https://sso.jakarta.go.id/realms/pemprov/',
      CONSOLE_OIDC_CLIENT_ID: 'crm-console',
    });
  });
  afterAll(() => api.close());

  it('tells the sign-in page the provider (without a trailing slash) and that the development sign-in is on', async () => {
    const res = await api.http().get('/api/v1/console/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      oidc: {
        issuer: 'https://sso.jakarta.go.id/realms/pemprov',
        clientId: 'crm-console',
        scope: 'openid profile',
      },
      developmentSignIn: true,
    });
  });

  it('mints a development token for a role and unit that the API then accepts', async () => {
    const res = await api
      .http()
      .post('/api/v1/console/dev-sign-in')
      .send({ role: 'unit', unit: '31.71.01.1001', name: 'Staf Gambir' });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3600_000);
    const list = await api
      .http()
      .get('/api/v1/complaints')
      .set('Authorization', `Bearer ${res.body.token}`);
    expect(list.status).toBe(200);
    const claims = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: 'dev-unit-31.71.01.1001',
      name: 'Staf Gambir',
      role: 'unit',
      unit: '31.71.01.1001',
    });
  });

  it('refuses an unknown role or unit in words an operator can act on', async () => {
    const role = await api
      .http()
      .post('/api/v1/console/dev-sign-in')
      .send({ role: 'lurah', unit: '31.71.01.1001' });
    expect(role.status).toBe(400);
    expect(role.body.details).toEqual([
      { field: 'role', problem: expect.stringContaining('must be one of operator') },
    ]);
    const unit = await api
      .http()
      .post('/api/v1/console/dev-sign-in')
      .send({ role: 'unit', unit: '31.71.99.9999' });
    expect(unit.status).toBe(400);
    expect(unit.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(unit.body.message).toContain('No unit has the code 31.71.99.9999');
  });
});

describe('the console’s sign-in in production', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production' });
  });
  afterAll(() => api.close());

  it('has no development sign-in: the settings say so and the route answers 404', async () => {
    const config = await api.http().get('/api/v1/console/config');
    expect(config.body).toEqual({ oidc: null, developmentSignIn: false });
    const res = await api
      .http()
      .post('/api/v1/console/dev-sign-in')
      .send({ role: 'admin', unit: 'diskominfo' });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('not available here');
  });
});
