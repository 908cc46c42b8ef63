import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Debian's Chromium (apt-get install chromium), or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** As root in a sandbox, on a machine that reaches no network beyond itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The console as `npm run build` makes it, into a folder of the suite's own (CONSOLE_DIR for the
 * API): suites running side by side never serve each other's half-written build.
 */
export function buildConsole(): string {
  const outDir = mkdtempSync(path.join(tmpdir(), 'crm-console-'));
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.mts',
      '--logLevel',
      'warn',
      '--outDir',
      outDir,
      '--emptyOutDir',
      // Vite refuses a second build of one project at a time; each suite writes a folder of its
      // own, so two suites building side by side do not meet.
      '--bypass-lock',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return outDir;
}
