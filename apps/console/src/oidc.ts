/**
 * Sign-in through the organisation's OpenID Connect provider: the authorization code flow with
 * PKCE (RFC 7636), as a public client — the console holds no secret. The access token it gets is
 * the bearer token the API verifies (AUTH_JWKS_URL); docs/console.md says how to set up the
 * provider.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

/** What the sign-in started, kept in the tab until the provider sends the user back. */
interface Pending {
  verifier: string;
  state: string;
  tokenEndpoint: string;
}

const PENDING = 'crm-console-oidc';
export const CALLBACK_PATH = '/masuk/oidc';

const redirectUri = () => `${window.location.origin}/console${CALLBACK_PATH}`;

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const random = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

/** Sends the browser to the provider's sign-in page. */
export async function startSignIn(oidc: OidcSettings): Promise<void> {
  const res = await fetch(`${oidc.issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`${oidc.issuer}: ${res.status} ${res.statusText}`);
  const discovery = (await res.json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = random(32);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const pending: Pending = { verifier, state: random(16), tokenEndpoint: discovery.token_endpoint };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On the way back from the provider: the code exchanged for the access token. */
export async function finishSignIn(oidc: OidcSettings, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const error = params.get('error');
  if (error) throw new Error(`${error}: ${params.get('error_description') ?? ''}`);
  const pending = saved ? (JSON.parse(saved) as Pending) : undefined;
  const code = params.get('code');
  // A state that is not the one this tab sent is someone else's sign-in: never completed.
  if (!pending || !code || params.get('state') !== pending.state) {
    throw new Error('The sign-in did not start in this tab; start it again');
  }
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) {
    throw new Error(body.error_description ?? `${res.status} ${res.statusText}`);
  }
  return body.access_token;
}
