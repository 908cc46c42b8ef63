/** A dependency the service started for itself on a developer's machine. */
export interface LocalService {
  url: string;
  stop(): Promise<void>;
}

/** Raised when the local infrastructure cannot start; the message says what to do. */
export class LocalInfrastructureError extends Error {
  override name = 'LocalInfrastructureError';
}
