/* A real OpenID Connect provider (the `oidc-provider` package) for the console's sign-in test,
 * run as a process of its own: the package is an ES module, which Node loads (require of ESM,
 * Node ≥ 20.19) and Jest's module system does not. It signs JWT access tokens for the API's
 * audience with the claims the API reads (role, unit, name), as docs/console.md asks of a
 * production provider, and shows its development login and consent pages.
 * Usage: ts-node test/support/oidc-provider.ts PORT REDIRECT_URI AUDIENCE
 * Prints one line, {"issuer": …}, once it listens. */
import { generateKeyPairSync } from 'node:crypto';

export const CONSOLE_CLIENT_ID = 'crm-console';
/** The person every login becomes (the development login accepts any name and password). */
export const STAFF = { role: 'unit', unit: '31.71.01.1001', name: 'Staf Kelurahan Gambir' };

async function main(): Promise<void> {
  const [port, redirectUri, audience] = process.argv.slice(2);
  const { default: Provider } = await import('oidc-provider');
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        // A browser application holds no secret: PKCE protects the code instead.
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }],
    },
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'openid profile',
          audience,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, name: STAFF.name }),
    }),
    extraTokenClaims: () => STAFF,
  });
  const server = provider.listen(Number(port), '127.0.0.1');
  server.on('listening', () => console.log(JSON.stringify({ issuer })));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
