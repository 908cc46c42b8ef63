/** Who is signed in: the bearer token and the claims the console reads from it. */
export interface Session {
  token: string;
  sub: string;
  name?: string;
  role: string;
  unit: string;
  channels?: string[];
  /** Unix seconds */
  exp: number;
}

// Per tab and gone when the tab closes: a shared office computer keeps no one signed in.
const KEY = 'crm-console-token';

function claimsOf(token: string): Omit<Session, 'token'> | undefined {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Omit<Session, 'token'>;
    return typeof claims.role === 'string' && typeof claims.unit === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}

export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || claims.exp * 1000 <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return { token, ...claims };
}

export function saveSession(token: string): Session | undefined {
  sessionStorage.setItem(KEY, token);
  return loadSession();
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
