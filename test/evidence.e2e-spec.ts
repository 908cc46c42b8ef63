import exifr from 'exifr';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { Client } from 'pg';
import sharp from 'sharp';
import { FileRemovals, UPLOAD_FOLDER } from '@crm/evidence';
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

/** A photo full of detail (noise), with GPS: what a blurred region loses shows in its spread. */
function detailedPhotoWithGps(): Promise<Buffer> {
  return sharp({
    create: {
      width: 400,
      height: 300,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .jpeg({ quality: 95 })
    .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 31/1' } })
    .toBuffer();
}

/** How much the pixels of a region (fractions of the image) vary: a blurred one hardly. */
async function spread(image: Buffer, x: number, y: number, w: number, h: number) {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  // stats() reads its input whole: the region is cut out first.
  const region = await sharp(image)
    .extract({
      left: Math.round(x * width),
      top: Math.round(y * height),
      width: Math.round(w * width),
      height: Math.round(h * height),
    })
    .png()
    .toBuffer();
  const { channels } = await sharp(region).stats();
  return channels[0].stdev;
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

  it('publishes a validated follow-up’s photo blurred where asked, without EXIF, on /track and Open311; withdraws it', async () => {
    const pushed = await postJaki(api, jakiPush({ description: 'Trotoar berlubang' }));
    const ticket = String(pushed.body.id);
    const trackingNumber = String(pushed.body.trackingNumber);
    await waitForTicket(api, ticket, (t) => t.status === 'disposisi');
    expect((await act(api, ticket, 'accept', gambir)).status).toBe(200);
    const [photo] = (
      await upload(ticket, gambir, [[await detailedPhotoWithGps(), 'sesudah.jpg', 'image/jpeg']])
    ).body;
    const [reporters] = (
      await upload(ticket, gambir, [[await png(), 'sebelum.png', 'image/png']], 'report')
    ).body;
    const publish = (attachment: string, headers: Headers, body: object = {}) =>
      api.http().post(`/api/v1/attachments/${attachment}/publication`).set(headers).send(body);
    const track = async () =>
      (await api.http().get(`/api/v1/complaints/track/${trackingNumber}`)).body;

    // Only a photo of the work that a follow-up shows, and only by Diskominfo.
    const early = await publish(photo.id, diskominfo);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_PUBLISHABLE');
    expect((await publish(reporters.id, diskominfo)).body.code).toBe('NOT_PUBLISHABLE');
    const followUp = await act(api, ticket, 'follow-ups', gambir, {
      note: 'Trotoar ditambal',
      attachmentIds: [photo.id],
    });
    expect(followUp.status).toBe(200);
    expect((await publish(photo.id, gambir)).status).toBe(403);
    const outside = await publish(photo.id, diskominfo, {
      redact: [{ x: 0.5, y: 0, w: 1.5, h: 1 }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('VALIDATION_FAILED');

    const published = await publish(photo.id, diskominfo, {
      redact: [{ x: 0, y: 0, w: 0.5, h: 0.5 }],
    });
    expect(published.status).toBe(201);
    const { publication } = published.body;
    expect(publication).toMatchObject({
      url: `/api/v1/complaints/track/${trackingNumber}/evidence/${photo.id}`,
      redact: [{ x: 0, y: 0, w: 0.5, h: 0.5 }],
    });
    // Not public while the follow-up awaits validation.
    expect((await api.http().get(publication.url)).status).toBe(404);
    expect(
      (await track()).timeline.some((e: { stage: string }) => e.stage === 'tindak_lanjut'),
    ).toBe(false);

    expect((await act(api, ticket, 'validation', diskominfo, { decision: 'approve' })).status).toBe(
      200,
    );
    const shown = (await track()).timeline.find(
      (e: { stage: string }) => e.stage === 'tindak_lanjut',
    );
    expect(shown.evidence).toEqual([
      { url: publication.url, thumbnailUrl: publication.thumbnailUrl },
    ]);
    const copy = await download(publication.url, {});
    expect(copy.status).toBe(200);
    expect(copy.headers['content-type']).toBe('image/jpeg');
    const thumbnail = await download(publication.thumbnailUrl, {});
    expect(thumbnail.status).toBe(200);
    const original = (await download(photo.url, diskominfo)).body as Buffer;
    for (const image of [copy.body as Buffer, thumbnail.body as Buffer]) {
      expect(await exifr.parse(image)).toBeUndefined();
    }
    // The top left quarter is a smear; the rest keeps its detail.
    const blurred = await spread(copy.body as Buffer, 0.05, 0.05, 0.4, 0.4);
    expect(blurred).toBeLessThan((await spread(original, 0.05, 0.05, 0.4, 0.4)) / 5);
    expect(await spread(copy.body as Buffer, 0.55, 0.55, 0.4, 0.4)).toBeGreaterThan(
      (await spread(original, 0.55, 0.55, 0.4, 0.4)) * 0.8,
    );

    const open311 = await api.http().get(`/open311/v2/requests/${trackingNumber}.json`);
    expect(open311.body[0].media_url).toMatch(new RegExp(`^https?://[^/]+${publication.url}$`));
    const detail = (await api.http().get(`/api/v1/complaints/${ticket}`).set(diskominfo)).body;
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([photo.id, reporters.id]);
    expect(detail.attachments[0].publication.publishedBy).toMatch(/diskominfo/);
    expect(detail.history.map((e: { type: string }) => e.type)).toContain('evidence-published');

    // Withdrawn: gone from the timeline, Open311 and the public address; its files removed.
    const copies = async () =>
      (await stored()).filter((file) => file.includes(`${photo.id}.public`)).length;
    expect(await copies()).toBe(2);
    const withdrawn = await api
      .http()
      .delete(`/api/v1/attachments/${photo.id}/publication`)
      .set(diskominfo);
    expect(withdrawn.status).toBe(204);
    expect((await api.http().get(publication.url)).status).toBe(404);
    expect(
      (await track()).timeline.find((e: { stage: string }) => e.stage === 'tindak_lanjut').evidence,
    ).toBeUndefined();
    expect(
      (await api.http().get(`/open311/v2/requests/${trackingNumber}.json`)).body[0].media_url,
    ).toBeNull();
    await api.app.get(FileRemovals).sweep();
    expect(await copies()).toBe(0);
  });

  it('removes a deleted ticket’s files from the storage', async () => {
    const ticket = String((await postJaki(api, jakiPush())).body.id);
    await upload(ticket, diskominfo, [[await photoWithGps(), 'a.jpg', 'image/jpeg']], 'report');
    const ofTicket = async () => (await stored()).filter((file) => file.includes(ticket));
    expect(await ofTicket()).toHaveLength(2);
    // As a database administrator erases a ticket under a legal order: the history's guard is
    // lifted for that one transaction.
    const database = new Client({ connectionString: api.databaseUrl });
    await database.connect();
    try {
      await database.query('BEGIN');
      await database.query(
        'ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_no_update_delete',
      );
      await database.query('DELETE FROM complaint_events WHERE complaint_id = $1', [ticket]);
      await database.query('DELETE FROM complaints WHERE id = $1', [ticket]);
      await database.query(
        'ALTER TABLE complaint_events ENABLE TRIGGER complaint_events_no_update_delete',
      );
      await database.query('COMMIT');
    } finally {
      await database.end();
    }
    expect(await ofTicket()).toHaveLength(2);
    expect(await api.app.get(FileRemovals).sweep()).toBeGreaterThanOrEqual(2);
    expect(await ofTicket()).toEqual([]);
  });
});
