import * as path from 'node:path';
import { FileStorage } from './file-storage';
import { FolderStorage } from './folder-storage';
import { S3Storage } from './s3-storage';

/** The storage `STORAGE_URL` names: `file://<dir>` or `s3://<bucket>?endpoint=&region=`. */
export function storageAt(url: string): FileStorage {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') {
    // `file://./.data/files` is relative to the working folder, as a newcomer writes it.
    return new FolderStorage(path.resolve(decodeURIComponent(`${parsed.host}${parsed.pathname}`)));
  }
  if (parsed.protocol === 's3:') {
    return new S3Storage(parsed.hostname, {
      endpoint: parsed.searchParams.get('endpoint') ?? undefined,
      region: parsed.searchParams.get('region') ?? undefined,
    });
  }
  throw new Error(`STORAGE_URL: file://<dir> or s3://<bucket>, not ${parsed.protocol}`);
}
