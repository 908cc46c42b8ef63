import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStorage } from './file-storage';

/** Attachments in a folder (`file://<dir>`; the embedded default is `./.data/files`). */
export class FolderStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  async put(key: string, file: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Copied beside the target, then renamed: a reader never sees half a file.
    const partial = `${target}.partial-${process.pid}`;
    await copyFile(file, partial);
    await rename(partial, target);
  }

  async get(key: string): Promise<Readable | undefined> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      return undefined;
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys are the service's own; one that would leave the folder is a bug, not a file. */
  private pathOf(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) {
      throw new Error(`Storage key outside the folder: ${key}`);
    }
    return file;
  }
}
