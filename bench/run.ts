import 'reflect-metadata';
import * as os from 'node:os';
import { benchAdapters } from './adapters';
import { benchDashboard } from './dashboard';
import { benchGeo } from './geo';
import { benchIntake, benchRouted } from './intake';
import { benchLoad } from './load';
import { benchMigrations } from './migrations';
import { benchRegistry } from './registry';
import { benchEvidence } from './evidence';
import { benchSearch } from './search';
import { Report } from './support';

/**
 * `npm run bench [-- geo|intake|routed|adapters|registry|dashboard|load|search|evidence|migrations]`: runs the benchmarks and prints each result, then the rows for
 * docs/benchmarks.md. The intake benchmarks need `npm run build` first (the script does it).
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const report = new Report();
  console.log(
    `[bench] ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  if (!only || only === 'geo') benchGeo(report);
  if (!only || only === 'intake') await benchIntake(report);
  if (only === 'routed') await benchRouted(report);
  if (!only || only === 'adapters') await benchAdapters(report);
  if (!only || only === 'registry') await benchRegistry(report);
  if (!only || only === 'dashboard') await benchDashboard(report);
  if (!only || only === 'load') await benchLoad(report);
  if (!only || only === 'search') await benchSearch(report);
  if (!only || only === 'evidence') await benchEvidence(report);
  if (!only || only === 'migrations') await benchMigrations(report);
  console.log('\n' + report.markdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
