/* Checks that installing the service reports to no one (run by CI after `npm ci`): every
 * dependency's install script has been reviewed (package.json `allowScripts`, which npm 11
 * enforces: an unreviewed script does not run), and Scarf's install telemetry, which Swagger UI
 * pulls in, is both denied and switched off (`scarfSettings`, which Scarf reads under older npm).
 * Usage: npm run check:install */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  allowScripts?: Record<string, boolean>;
  scarfSettings?: { enabled?: boolean };
}

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const problems: string[] = [];
if (manifest.allowScripts?.['@scarf/scarf'] !== false) {
  problems.push('package.json: allowScripts must deny "@scarf/scarf" (false)');
}
if (manifest.scarfSettings?.enabled !== false) {
  problems.push('package.json: scarfSettings.enabled must be false');
}
const unreviewed = execFileSync('npm', ['install-scripts', 'ls'], {
  cwd: root,
  encoding: 'utf8',
}).trim();
if (!/^No packages with unreviewed install scripts/m.test(unreviewed)) {
  problems.push(
    `install scripts nobody reviewed (npm install-scripts approve|deny <pkg>):\n${unreviewed}`,
  );
}
if (problems.length) {
  console.error(`Installing must report to no one:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Install scripts: every one reviewed; Scarf denied and switched off.');
