import express from 'express';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AppConfig } from '@crm/core';
import { consoleFiles, consolePolicy } from './console-files';

const config = {
  console: {
    developmentSignIn: false,
    oidc: { issuer: 'https://sso.example.go.id/realms/crm', clientId: 'c', scope: 'openid' },
  },
} as AppConfig;

function servedFrom(dir: string | null) {
  const app = express();
  app.use('/console', consoleFiles(config, dir));
  return request(app);
}

describe('the console’s files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Konsol</title>');
  writeFileSync(path.join(dir, 'assets', 'index-Ab12.js'), 'console.log(1)');
  const http = servedFrom(dir);

  it('sends /console to /console/ so that the page’s links resolve below it', async () => {
    const res = await http.get('/console');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/console/');
  });

  it('answers the page, never cached, under the strict policy, for every path of the application', async () => {
    for (const url of ['/console/', '/console/tiket/123', '/console/lacak']) {
      const res = await http.get(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>Konsol</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(consolePolicy(config));
    }
  });

  it('caches the hashed assets for good, and a missing asset is a 404, not the page', async () => {
    const asset = await http.get('/console/assets/index-Ab12.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await http.get('/console/assets/index-Old9.js')).status).toBe(404);
  });

  it('allows no inline code, and calls only to the API and the identity provider', () => {
    const policy = consolePolicy(config);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("connect-src 'self' https://sso.example.go.id;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
  });

  it('says how to build the console when it is not built', async () => {
    const res = await servedFrom(null).get('/console/');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.body.message).toContain('npm run build');
  });
});
