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

/**
 * A form the person was filling in, kept in this tab so that a reload, a wrong tap on Back or a
 * sign-in that expired mid-call loses none of a complaint. Keyed by who is signed in (another
 * person signing in at the tab never sees it), forgotten at sign-out, and dropped when it is
 * older than a working shift: a browser may bring a closed tab's storage back.
 */
const DRAFT_PREFIX = 'crm-console-draft:';
const DRAFT_HOURS = 8;
const draftKey = (session: Session, form: string) => `${DRAFT_PREFIX}${form}:${session.sub}`;

export function loadDraft<T>(session: Session, form: string): T | undefined {
  try {
    const saved = sessionStorage.getItem(draftKey(session, form));
    const draft = saved ? (JSON.parse(saved) as { savedAt: number; value: T }) : undefined;
    if (draft && Date.now() - draft.savedAt < DRAFT_HOURS * 3_600_000) return draft.value;
    sessionStorage.removeItem(draftKey(session, form));
  } catch {
    // Unreadable or unavailable storage: the form starts empty.
  }
  return undefined;
}

/** Keeps the draft, or drops it when there is nothing left to keep. */
export function saveDraft<T>(session: Session, form: string, value: T | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(draftKey(session, form));
    else
      sessionStorage.setItem(
        draftKey(session, form),
        JSON.stringify({ savedAt: Date.now(), value }),
      );
  } catch {
    // Storage full or refused: the form goes on working, only without a draft.
  }
}

/** Signing out: the token and every draft of this tab go. */
export function signOutOfTab(): void {
  clearSession();
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
  }
}
