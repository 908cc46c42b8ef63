import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createServer } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { buildConsole, CHROMIUM, CHROMIUM_ARGS } from './support/browser';
import { CONSOLE_CLIENT_ID, STAFF } from './support/oidc-provider';
import { startFreshTestApi, TestApi } from './support/test-api';

const root = path.resolve(__dirname, '..');
const AUDIENCE = 'https://crm.jakarta.go.id/api';

jest.setTimeout(120_000);

/** A port nobody listens on now, for the provider (its issuer URL must be known before it starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Signing in to the console through a real OpenID Connect provider (oidc-provider, on this
 * machine): the authorization code flow with PKCE in Chromium, and the API accepting the access
 * token by the provider's JWKS, as production is set up (docs/console.md).
 */
describe('the console’s sign-in through the organisation’s provider', () => {
  let api: TestApi;
  let provider: ChildProcess;
  let browser: Browser;
  let consoleDir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    provider?.kill();
    await api?.close();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  it('signs in with the authorization code and PKCE, and the API accepts the token', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    consoleDir = buildConsole();
    const apiPort = await freePort();
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    provider = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        'test/support/oidc-provider.ts',
        String(providerPort),
        `http://127.0.0.1:${apiPort}/console/masuk/oidc`,
        AUDIENCE,
      ],
      {
        cwd: root,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      provider.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"issuer"')) resolve();
      });
      provider.on('exit', (code) => reject(new Error(`the provider exited (${code})`)));
    });

    api = await startFreshTestApi({
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: AUDIENCE,
      CONSOLE_OIDC_ISSUER: issuer,
      CONSOLE_OIDC_CLIENT_ID: CONSOLE_CLIENT_ID,
      CONSOLE_DIR: consoleDir,
    });
    await api.app.listen(apiPort, '127.0.0.1');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    await page.goto(`http://127.0.0.1:${apiPort}/console/masuk`);
    await page.getByRole('button', { name: 'Masuk dengan akun organisasi' }).click();
    // The provider's own (development) login and consent pages.
    await page.waitForURL(new RegExp(`^${issuer}/`));
    await page.fill('input[name=login]', 'staf-gambir');
    await page.fill('input[name=password]', 'rahasia');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    // Back in the console, signed in as the provider's token says.
    await page.getByText(`Masuk sebagai ${STAFF.name}`).waitFor();
    expect(page.url()).toBe(`http://127.0.0.1:${apiPort}/console/tiket`);
    await page.getByRole('heading', { name: 'Tiket' }).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);

    const token = await page.evaluate(() => sessionStorage.getItem('crm-console-token'));
    const claims = JSON.parse(Buffer.from(token!.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: issuer, aud: AUDIENCE, sub: 'staf-gambir', ...STAFF });
    const list = await api.http().get('/api/v1/complaints').set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
  });
});
