/** The roles of docs/api.md ("Authentication and roles"). */
export const ROLES = ['operator', 'diskominfo', 'unit', 'verifier', 'dashboard', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A unit's code: a Kemendagri region code (`31.71.01.1001`) or an agency's (`diskominfo`). */
export const UNIT_CODE = /^[a-z0-9.-]{2,40}$/;

/**
 * Subjects the service records its own steps under: `system` (routing, escalation, closing a
 * parent ticket), `jaki` (JAKI's pushes) and `open311:<key id>` (a partner's Open311 posts). No
 * token may carry one: its holder would act as the service, and read what the service entered.
 */
export const SERVICE_SUBJECTS = { system: 'system', jaki: 'jaki' } as const;
export const OPEN311_SUBJECT_PREFIX = 'open311:';

/** Compared without case, so that no look-alike is left to a reader comparing loosely. */
export function isServiceSubject(sub: string): boolean {
  const lower = sub.toLowerCase();
  return (
    Object.values<string>(SERVICE_SUBJECTS).includes(lower) ||
    lower.startsWith(OPEN311_SUBJECT_PREFIX)
  );
}

/** Who is calling, from a verified token. */
export interface Principal {
  /** The token's `sub`: the person, recorded on every event they cause. */
  sub: string;
  name?: string;
  role: Role;
  /** The unit code the person works for (a kelurahan code, `diskominfo`, `dinsos`, ...). */
  unit: string;
  /** For operators: the channel codes they may enter complaints for. */
  channels: string[];
}

declare module 'http' {
  interface IncomingMessage {
    principal?: Principal;
  }
}
