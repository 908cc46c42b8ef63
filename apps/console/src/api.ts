import type { Language } from './i18n';

/** A refusal in the API's error shape (docs/api.md, "Errors"). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; problem: string }[] = [],
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  /** The body and the ETag, for a step that must not overwrite someone else's change. */
  getVersioned<T>(path: string): Promise<{ body: T; etag: string }>;
  post<T>(path: string, body?: unknown, ifMatch?: string): Promise<T>;
  /** Files attached to a ticket (`report`: from the reporter; `evidence`: of the work). */
  attach(ticketId: string, kind: 'report' | 'evidence', files: File[]): Promise<{ id: string }[]>;
  /** A file the API serves behind the token, as an address an <img> can show. */
  objectUrl(path: string): Promise<string>;
}

/**
 * The API as the signed-in person (or no one). A 401 to a signed-in person means the token has
 * expired or been withdrawn: `onSignedOut` takes them back to the sign-in page.
 */
export function apiFor(
  token: string | undefined,
  language: Language,
  onSignedOut: () => void = () => undefined,
): Api {
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept-Language', language === 'id' ? 'id' : 'en, id;q=0.5');
    const res = await fetch(path, { ...init, headers });
    if (res.status === 401 && token) onSignedOut();
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as {
        code?: string;
        message?: string;
        details?: { field: string; problem: string }[];
      };
      throw new ApiProblem(
        res.status,
        body.code ?? 'HTTP_' + res.status,
        body.message ?? res.statusText,
        body.details,
      );
    }
    return res;
  };
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return {
    get: async <T>(path: string) => (await (await send(path)).json()) as T,
    getVersioned: async <T>(path: string) => {
      const res = await send(path);
      return { body: (await res.json()) as T, etag: res.headers.get('ETag') ?? '' };
    },
    post: async <T>(path: string, body?: unknown, ifMatch?: string) => {
      const init = json(body);
      if (ifMatch) (init.headers as Record<string, string>)['If-Match'] = ifMatch;
      const res = await send(path, init);
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
    attach: async (ticketId: string, kind: 'report' | 'evidence', files: File[]) => {
      const form = new FormData();
      form.append('kind', kind);
      for (const file of files) form.append('file', file);
      const res = await send(`/api/v1/complaints/${ticketId}/attachments`, {
        method: 'POST',
        body: form,
      });
      return (await res.json()) as { id: string }[];
    },
    objectUrl: async (path: string) => URL.createObjectURL(await (await send(path)).blob()),
  };
}
