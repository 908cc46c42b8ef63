import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { FileStorage, storageAt } from '@crm/evidence';

async function bytes(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The one storage interface, the same suite on each adapter: a folder, and an S3-compatible
 * server (s3rver) started by the test — never a mock of either.
 */
describe.each(['folder', 's3'] as const)('attachment storage: %s', (kind) => {
  let work: string;
  let storage: FileStorage;
  let s3: S3rver | undefined;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'crm-storage-'));
    if (kind === 'folder') {
      storage = storageAt(`file://${work}/files`);
      return;
    }
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(work, 's3'),
      configureBuckets: [{ name: 'crm-files', configs: [] }],
    });
    const { port } = await s3.run();
    storage = storageAt(`s3://crm-files?endpoint=http://127.0.0.1:${port}&region=us-east-1`);
  });
  afterAll(async () => {
    await s3?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('keeps what it is given under its key, byte for byte, and gives it back', async () => {
    const file = path.join(work, 'in.bin');
    const content = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
    await writeFile(file, content);
    await storage.put('ticket-1/a.original', file, 'application/octet-stream');
    expect((await bytes(await storage.get('ticket-1/a.original')))?.equals(content)).toBe(true);
  });

  it('replaces what a key held, and forgets a deleted key', async () => {
    const file = path.join(work, 'second.bin');
    await writeFile(file, 'kedua');
    await storage.put('ticket-1/a.original', file, 'text/plain');
    expect((await bytes(await storage.get('ticket-1/a.original')))?.toString()).toBe('kedua');
    await storage.delete('ticket-1/a.original');
    expect(await storage.get('ticket-1/a.original')).toBeUndefined();
    // Deleting what is not there is no error.
    await storage.delete('ticket-1/a.original');
  });

  it('answers nothing for a key never stored', async () => {
    expect(await storage.get('ticket-2/none.original')).toBeUndefined();
  });
});
