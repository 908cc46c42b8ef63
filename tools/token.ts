/* Mints a development token signed with AUTH_JWT_SECRET (or the generated development secret).
 * Usage: npm run token -- --role diskominfo --unit diskominfo [--channels twitter,sms]
 *                         [--sub user-id] [--name "Full Name"] [--ttl 8h] */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
// Only the modules it needs, not all of @crm/core (Nest, the validators): scripts mint several
// tokens in a row (the README's examples), and each one starts in a fraction of the time.
import { mintToken } from '../libs/core/src/auth/mint-token';
import { Role, ROLES } from '../libs/core/src/auth/roles';
import { loadOrCreateDevSecrets } from '../libs/core/src/infra/dev-secrets';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      channels: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  if (!values.role || !ROLES.includes(values.role as Role)) {
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  }
  if (!values.unit)
    throw new Error('--unit is required (a unit code such as diskominfo or 31.71.01.1001)');
  // The service checks the secret's strength at boot; here an empty variable counts as unset.
  const secret =
    process.env.AUTH_JWT_SECRET ||
    loadOrCreateDevSecrets(path.resolve(process.env.DATA_DIR || '.data')).AUTH_JWT_SECRET;
  const token = await mintToken(
    secret,
    {
      sub: values.sub ?? `dev-${values.role}-${values.unit}`,
      name: values.name,
      role: values.role as Role,
      unit: values.unit,
      channels: values.channels?.split(',').filter(Boolean),
    },
    values.ttl,
  );
  process.stdout.write(token + '\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
