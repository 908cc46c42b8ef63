import exifr from 'exifr';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { UPLOAD_FOLDER } from '@crm/evidence';
import { act, jakiPush, postJaki, waitForTicket } from './support/intake-client';
import { startFreshTestApi, TestApi } from './support/test-api';

const GAMBIR = '31.71.01.1001';
const KEBON_KELAPA = '31.71.01.1002';
type Headers = Record<string, string>;

/** A JPEG as a phone writes it: with the place it was taken (GPS) in its EXIF. */
function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Ponsel', Model: 'Murah 1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '6/1 10/1 31/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 49/1 37/1',
      },
    })
    .toBuffer();
}

function png(width = 32, height = 24): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A decompression bomb: a tiny PNG whose header promises 100,000 × 100,000 pixels. */
function bomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Evidence you can see (docs/evidence.md): uploads recognised by content, images without their
 * metadata (GPS above all), the limits, and downloads only through the ticket's access gate. On a
 * database and a storage folder of its own, which the test reads back.
 */
describe('evidence: photos and documents', () => {
  let api: TestApi;
  let folder: string;
  let gambir: Headers;
  let diskominfo: Headers;
  let id: string;

  const upload = (
    ticket: string,
    headers: Headers,
    files: [Buffer, string, string][],
    kind = 'evidence',
  ) => {
    let req = api
      .http()
      .post(`/api/v1/complaints/${ticket}/attachments`)
      .set(headers)
      .field('kind', kind);
    for (const [content, filename, contentType] of files) {
      req = req.attach('file', content, { filename, contentType });
    }
    return req;
  };
  const download = (url: string, headers: Headers) =>
    api
      .http()
      .get(url)
      .set(headers)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
  const stored = async () => {
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else files.push(full);
      }
    };
    await walk(folder);
    return files;
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'crm-evidence-'));
    api = await startFreshTestApi({ STORAGE_URL: `file://${folder}` });
    gambir = { Authorization: `Bearer ${await api.token('unit', GAMBIR)}` };
    diskominfo = { Authorization: `Bearer ${await api.token('diskominfo')}` };
    const pushed = await postJaki(api, jakiPush({ description: 'Saluran tersumbat di gang' }));
    id = String(pushed.body.id);
    await waitForTicket(api, id, (t) => t.status === 'disposisi');
    expect((await act(api, id, 'accept', gambir)).status).toBe(200);
  });
  afterAll(async () => {
    await api.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps a unit’s photo without its GPS position — the stored image and its thumbnail', async () => {
    const photo = await photoWithGps();
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(-6.1753, 3);
    const res = await upload(id, gambir, [[photo, 'IMG_0001.jpg', 'image/jpeg']]);
    expect(res.status).toBe(201);
    const [attachment] = res.body;
    expect(attachment).toMatchObject({
      kind: 'evidence',
      contentType: 'image/jpeg',
      width: 640,
      height: 480,
    });

    const original = await download(attachment.url, gambir);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['cache-control']).toBe('private, no-store');
    const thumbnail = await download(attachment.thumbnailUrl, diskominfo);
    expect(thumbnail.status).toBe(200);
    expect((await sharp(thumbnail.body as Buffer).metadata()).width).toBe(320);
    for (const copy of [original.body as Buffer, thumbnail.body as Buffer]) {
      expect(await exifr.gps(copy)).toBeUndefined();
      expect(await exifr.parse(copy)).toBeUndefined();
    }
    // What the storage holds, read straight from its folder.
    const files = (await stored()).filter((file) => file.includes(attachment.id));
    expect(files).toHaveLength(2);
    for (const file of files) expect(await exifr.parse(await readFile(file))).toBeUndefined();

    const detail = await api.http().get(`/api/v1/complaints/${id}`).set(diskominfo);
    expect(detail.body.history.at(-1)).toMatchObject({
      type: 'attached',
      data: { kind: 'evidence', attachments: [attachment.id] },
    });
  });

  it('recognises a file by its content: a PNG named .pdf is stored as the PNG it is', async () => {
    const res = await upload(id, gambir, [[await png(), 'surat.pdf', 'application/pdf']]);
    expect(res.status).toBe(201);
    expect(res.body[0].contentType).toBe('image/png');
  });

  it('refuses an executable named .jpg, a 12 MB file and a decompression bomb, storing nothing', async () => {
    const before = await stored();
    const listed = (await api.http().get(`/api/v1/complaints/${id}/attachments`).set(gambir)).body;
    const executable = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'binary'),
      Buffer.alloc(4000),
    ]);
    const refusedType = await upload(id, gambir, [
      [await png(), 'ok.png', 'image/png'],
      [executable, 'foto.jpg', 'image/jpeg'],
    ]);
    expect(refusedType.status).toBe(415);
    expect(refusedType.body.code).toBe('UNSUPPORTED_FILE');
    const big = Buffer.concat([await png(), Buffer.alloc(12 * 1024 * 1024)]);
    const refusedSize = await upload(id, gambir, [[big, 'besar.png', 'image/png']]);
    expect(refusedSize.status).toBe(413);
    const refusedBomb = await upload(id, gambir, [[bomb(), 'kecil.png', 'image/png']]);
    expect(refusedBomb.status).toBe(400);
    expect(refusedBomb.body.code).toBe('IMAGE_TOO_LARGE');
    expect(await stored()).toEqual(before);
    expect((await api.http().get(`/api/v1/complaints/${id}/attachments`).set(gambir)).body).toEqual(
      listed,
    );
  });

  it('lets only who may read the ticket download it: not another kelurahan, another operator or anyone anonymous', async () => {
    const [attachment] = (await upload(id, gambir, [[await png(), 'a.png', 'image/png']])).body;
    const kebonKelapa = { Authorization: `Bearer ${await api.token('unit', KEBON_KELAPA)}` };
    const operator = {
      Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}`,
    };
    for (const headers of [kebonKelapa, operator]) {
      const res = await api.http().get(attachment.url).set(headers);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ATTACHMENT_NOT_FOUND');
      expect(
        (await api.http().get(`/api/v1/complaints/${id}/attachments`).set(headers)).status,
      ).toBe(404);
    }
    expect((await api.http().get(attachment.url)).status).toBe(401);
    // Nor may another kelurahan add to it.
    expect((await upload(id, kebonKelapa, [[await png(), 'b.png', 'image/png']])).status).toBe(404);
    expect((await download(attachment.url, diskominfo)).status).toBe(200);
  });

  it('takes at most 20 attachments a ticket, and only of a known kind', async () => {
    const held = (await api.http().get(`/api/v1/complaints/${id}/attachments`).set(gambir)).body
      .length;
    const many = await Promise.all(
      Array.from({ length: 21 - held }, () => png()).map(
        async (p) => [await p, 'x.png', 'image/png'] as [Buffer, string, string],
      ),
    );
    const refused = await upload(id, gambir, many);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('TOO_MANY_ATTACHMENTS');
    const filled = await upload(id, gambir, many.slice(1));
    expect(filled.status).toBe(201);
    expect((await upload(id, gambir, [many[0]])).body.code).toBe('TOO_MANY_ATTACHMENTS');
    const wrongKind = await upload(id, diskominfo, [many[0]], 'other');
    expect(wrongKind.status).toBe(400);
  });

  it('refuses a follow-up without a photo where the category requires one (EVIDENCE_REQUIRED)', async () => {
    const admin = { Authorization: `Bearer ${await api.token('admin')}` };
    const set = await api
      .http()
      .patch('/api/v1/categories/lainnya')
      .set(admin)
      .send({ requiresPhotoEvidence: true });
    expect(set.status).toBe(200);
    const pushed = await postJaki(api, jakiPush({ description: 'Lampu taman mati' }));
    const ticket = String(pushed.body.id);
    const elsewhere = String((await postJaki(api, jakiPush())).body.id);
    await waitForTicket(api, ticket, (t) => t.status === 'disposisi');
    expect((await act(api, ticket, 'accept', gambir)).status).toBe(200);

    const withoutPhoto = await act(api, ticket, 'follow-ups', gambir, { note: 'Lampu diganti' });
    expect(withoutPhoto.status).toBe(400);
    expect(withoutPhoto.body.code).toBe('EVIDENCE_REQUIRED');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const [document] = (
      await upload(ticket, gambir, [[pdf, 'berita-acara.pdf', 'application/pdf']])
    ).body;
    expect(document.contentType).toBe('application/pdf');
    const onlyDocument = await act(api, ticket, 'follow-ups', gambir, {
      note: 'Lampu diganti',
      attachmentIds: [document.id],
    });
    expect(onlyDocument.body.code).toBe('EVIDENCE_REQUIRED');
    // Another ticket's photo, or the reporter's, is not this work's evidence.
    const [foreign] = (
      await upload(elsewhere, diskominfo, [[await png(), 'lain.png', 'image/png']], 'report')
    ).body;
    const [reporters] = (
      await upload(ticket, gambir, [[await png(), 'r.png', 'image/png']], 'report')
    ).body;
    for (const other of [foreign.id, reporters.id]) {
      const refused = await act(api, ticket, 'follow-ups', gambir, {
        note: 'Lampu diganti',
        attachmentIds: [other],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('attachmentIds');
    }
    const [photo] = (
      await upload(ticket, gambir, [[await photoWithGps(), 'sesudah.jpg', 'image/jpeg']])
    ).body;
    const done = await act(api, ticket, 'follow-ups', gambir, {
      note: 'Lampu diganti',
      attachmentIds: [photo.id, document.id],
    });
    expect(done.status).toBe(200);
    expect(done.body.followUps.at(-1).attachmentIds).toEqual([photo.id, document.id]);
  });

  it('leaves no uploaded file behind when a request is refused before it is read', async () => {
    const waiting = async () =>
      (await readdir(UPLOAD_FOLDER).catch(() => [] as string[])).filter((f) => !before.has(f));
    const before = new Set(await readdir(UPLOAD_FOLDER).catch(() => [] as string[]));
    const photo = await photoWithGps();
    const badKind = await upload(id, gambir, [[photo, 'a.jpg', 'image/jpeg']], 'other');
    expect(badKind.status).toBe(400);
    const badId = await upload('not-a-ticket-id', gambir, [[photo, 'a.jpg', 'image/jpeg']]);
    expect(badId.status).toBe(400);
    // Another suite's upload may be passing through; a left file stays.
    for (let i = 0; i < 20 && (await waiting()).length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await waiting()).toEqual([]);
  });
});
