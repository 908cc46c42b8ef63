import { HttpStatus } from '@nestjs/common';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import * as os from 'node:os';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors/api-error';
import { bilingual } from '../i18n/bilingual';

/**
 * An uploaded file goes to a temporary file, never into memory, and is read back as a stream:
 * it arrives in 64 kB chunks, so a parser works on one chunk at a time and the event loop serves
 * other requests between them (a 10 MB buffer parsed at once held it for seconds).
 */
export function uploadToDisk(maxBytes: number): MulterModuleOptions {
  return {
    storage: diskStorage({ destination: os.tmpdir() }),
    limits: { fileSize: maxBytes, files: 1 },
  };
}

/** Reads the upload `file` (400 if the request has none) and removes it afterwards. */
export async function readUpload<T>(
  file: Express.Multer.File | undefined,
  read: (input: Readable) => Promise<T>,
): Promise<T> {
  if (!file) {
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual('file: berkas CSV wajib dilampirkan', 'file: a CSV file is required'),
      [{ field: 'file', problem: bilingual('wajib diisi', 'is required') }],
    );
  }
  const input = createReadStream(file.path);
  try {
    return await read(input);
  } finally {
    // A reader that stopped early (a refused header) leaves the file open, paused, for good.
    input.destroy();
    await unlink(file.path).catch(() => undefined);
  }
}
