/** The roles of api.md ("Authentication and roles"). */
export const ROLES = ['operator', 'diskominfo', 'unit', 'verifier', 'dashboard', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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
