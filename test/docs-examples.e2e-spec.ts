import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startFreshTestApi, TestApi } from './support/test-api';

const ROOT = path.join(__dirname, '..');

interface Block {
  where: string;
  script: string;
}

/**
 * The shell examples a reader would paste: every ```bash block that calls the service (`curl`),
 * README.md first, then docs/*.md by name — the order a new user reads them in. Blocks without
 * `curl` (starting the service, importing a file, drawing a map) are commands, not examples of
 * the API, and are left out.
 */
function shellExamples(): Block[] {
  const files = [
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/^```(?:bash|sh|shell)\n([\s\S]*?)^```$/gm)]
      .filter((match) => /\bcurl\b/.test(match[1]))
      .map((match) => ({
        where: `${file}:${text.slice(0, match.index).split('\n').length}`,
        script: match[1],
      }));
  });
}

/**
 * A checkout as a new user has it: the repository's files, and `.data/dev-secrets.json` — what
 * `npm start` writes on a first start — holding the secrets of the service under test, so that
 * `npm run token` and the JAKI signature of the examples agree with it.
 */
function checkout(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-docs-'));
  for (const entry of [
    'package.json',
    'tsconfig.json',
    'node_modules',
    'apps',
    'libs',
    'tools',
    'types',
  ]) {
    symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  mkdirSync(path.join(dir, '.data'));
  writeFileSync(
    path.join(dir, '.data/dev-secrets.json'),
    JSON.stringify({
      AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET,
      JAKI_WEBHOOK_SECRET: process.env.JAKI_WEBHOOK_SECRET,
      PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY,
    }),
  );
  return dir;
}

// Each request's status goes to stderr beside the example's own output, which stays untouched
// (`$(curl … | jq -r .id)` must read exactly what the reader's would).
const RECORD_STATUSES = `curl() {
  command curl --silent --show-error \\
    --write-out '%{stderr}DOCS-STATUS %{http_code} %{method} %{url_effective}\\n' "$@"
}
`;

describe('the examples in README.md and docs/', () => {
  let api: TestApi;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    // A fresh start: a database of its own, nothing in it but the reference data.
    api = await startFreshTestApi();
    await api.app.listen(0);
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    dir = checkout();
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('run as written, in order, each using only what earlier ones defined', async () => {
    const blocks = shellExamples();
    expect(blocks.map((block) => block.where.split(':')[0])).toEqual(
      expect.arrayContaining(['README.md', 'docs/open311.md', 'docs/registry.md']),
    );
    // The one change: the service under test listens on a port of its own, not on 3000.
    const script = [
      'set -euo pipefail',
      RECORD_STATUSES,
      ...blocks.map(
        ({ where, script: body }) =>
          `echo 'DOCS-BLOCK ${where}' >&2\n${body.replaceAll('localhost:3000', `localhost:${port}`)}`,
      ),
    ].join('\n');
    // The secrets come from .data/, as on a developer's machine, not from the test run.
    const env = { ...process.env };
    for (const name of [
      'AUTH_JWT_SECRET',
      'JAKI_WEBHOOK_SECRET',
      'PII_ENCRYPTION_KEY',
      'DATA_DIR',
    ]) {
      delete env[name];
    }
    let stdout = '';
    let stderr = '';
    let failure: string | null = null;
    try {
      ({ stdout, stderr } = await promisify(execFile)('bash', ['-c', script], {
        cwd: dir,
        env,
        maxBuffer: 64 * 1024 ** 2,
        timeout: 280_000,
      }));
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      stdout = failed.stdout ?? '';
      stderr = failed.stderr ?? '';
      failure = failed.message.split('\n')[0];
    }
    const lastBlock = [...stderr.matchAll(/^DOCS-BLOCK (.+)$/gm)].pop()?.[1];
    expect({ failure, lastBlock, stderr: failure ? stderr.slice(-3000) : '' }).toEqual({
      failure: null,
      lastBlock: blocks[blocks.length - 1].where,
      stderr: '',
    });

    const statuses = [...stderr.matchAll(/^DOCS-STATUS (\d{3}) (\S+) (\S+)$/gm)].map(
      ([, status, method, url]) => ({ status: Number(status), request: `${method} ${url}` }),
    );
    expect(statuses.length).toBeGreaterThan(25);
    expect(statuses.filter(({ status }) => status >= 400)).toEqual([]);
    expect(stdout).toMatch(/"trackingNumber": "JKT-/);
  }, 300_000);
});
