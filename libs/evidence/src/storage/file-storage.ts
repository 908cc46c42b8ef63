import type { Readable } from 'node:stream';

/**
 * Where attachments' bytes live, behind one interface (docs/evidence.md): a folder by default,
 * any S3-compatible store in production — `STORAGE_URL` chooses. Keys are the service's own
 * (`<ticket>/<attachment>.<kind>`), never a name a user gave.
 */
export abstract class FileStorage {
  /** Stores the bytes of `file` (a local file, read as a stream) under `key`. */
  abstract put(key: string, file: string, contentType: string): Promise<void>;
  /** The stored bytes; undefined when there are none under `key`. */
  abstract get(key: string): Promise<Readable | undefined>;
  /** Removes `key` (nothing when it is not there). */
  abstract delete(key: string): Promise<void>;
}
