/* Writes a synthetic P3KE/DTKS registry CSV (fake people only; see docs/registry.md).
 * Usage: npm run registry:generate -- --rows 1000000 --out registry.csv [--seed 1] [--bad-every 0] */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { seededRandom, syntheticRegistryLines } from '@crm/testing';
import { loadJakartaRegions } from '@crm/reference/seed/jakarta-boundaries';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'bad-every': { type: 'string', default: '0' },
    },
  });
  if (!values.out) throw new Error('--out FILE is required');
  const kelurahan = loadJakartaRegions()
    .filter((region) => region.level === 'kelurahan')
    .map((region) => region.code);
  const out = createWriteStream(values.out);
  for (const line of syntheticRegistryLines(
    Number(values.rows),
    seededRandom(Number(values.seed)),
    kelurahan,
    Number(values['bad-every']),
  )) {
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  process.stderr.write(`Wrote ${values.rows} rows to ${values.out}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
