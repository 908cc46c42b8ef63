import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { mintToken } from '@crm/core';
import { percentile, Report } from './support';
import { startService } from './service';

const UPLOADS = Number(process.env.BENCH_EVIDENCE_UPLOADS ?? 100);
/** A 11-megapixel photo of noise: about 9 MB as a JPEG, near the 10 MB a file may have. */
const WIDTH = 3840;
const HEIGHT = 2880;
/** Attachments a ticket takes (libs/evidence): a new ticket every so many uploads. */
const PER_TICKET = 20;

/**
 * Uploads of a large photo of about 9 MB (noise: it barely compresses), one after another
 * through the API as an operator adds a reporter's photos: uploads per second, latency, and the
 * API's resident memory after the first ten and after the last (it must stay flat: files stream
 * to disk, never into memory). Beside it, in the same run: the re-encoding and thumbnail alone in
 * this process (sharp), which every upload pays.
 */
export async function benchEvidence(report: Report): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'crm-bench-evidence-'));
  const service = await startService();
  try {
    const photo = await sharp(randomBytes(WIDTH * HEIGHT * 3), {
      raw: { width: WIDTH, height: HEIGHT, channels: 3 },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    const file = path.join(work, 'photo.jpg');
    await writeFile(file, photo);
    const megabytes = Math.round((photo.length / 1024 / 1024) * 10) / 10;
    const token = await mintToken(service.env.AUTH_JWT_SECRET, {
      sub: 'bench-operator',
      role: 'operator',
      unit: 'diskominfo',
      channels: ['sms'],
    });
    const auth = { authorization: `Bearer ${token}` };
    const ticket = async (n: number): Promise<string> => {
      const res = await fetch(`${service.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'sms',
          details: { senderNumber: '081298765432' },
          reporter: { name: 'Warga Bench', phone: '081298765432' },
          description: `Foto jalan rusak (${n})`,
        }),
      });
      if (res.status !== 201) throw new Error(`ticket: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };

    const latencies: number[] = [];
    const rss: number[] = [];
    let id = '';
    const started = performance.now();
    for (let n = 0; n < UPLOADS; n++) {
      if (n % PER_TICKET === 0) id = await ticket(n);
      const form = new FormData();
      form.append('kind', 'report');
      form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'IMG_0001.jpg');
      const t0 = performance.now();
      const res = await fetch(`${service.baseUrl}/api/v1/complaints/${id}/attachments`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      rss.push(service.rssMiB());
    }
    const seconds = (performance.now() - started) / 1000;
    report.row(
      'evidence',
      `upload of a ${megabytes} MB photo (${WIDTH} × ${HEIGHT}), ${UPLOADS} in a row`,
      {
        uploadsPerSecond: Math.round((UPLOADS / seconds) * 10) / 10,
        p50ms: percentile(latencies, 50),
        p95ms: percentile(latencies, 95),
        apiRssAfter10MiB: Math.round(rss[Math.min(9, rss.length - 1)]),
        apiRssAfterAllMiB: Math.round(rss[rss.length - 1]),
        apiRssMaxMiB: Math.round(Math.max(...rss)),
      },
    );

    const alone: number[] = [];
    for (let n = 0; n < 20; n++) {
      const t0 = performance.now();
      const clean = path.join(work, 'clean.jpg');
      await sharp(file).rotate().jpeg({ quality: 85 }).toFile(clean);
      await sharp(clean)
        .resize(320, 320, { fit: 'inside' })
        .jpeg({ quality: 75 })
        .toFile(path.join(work, 'thumb.jpg'));
      alone.push(performance.now() - t0);
    }
    report.row('evidence', 'ceiling: re-encoding and thumbnail alone (sharp, in this process)', {
      perSecond: Math.round((1000 / percentile(alone, 50)) * 10) / 10,
      p50ms: percentile(alone, 50),
    });
  } finally {
    await service.stop();
    await rm(work, { recursive: true, force: true });
  }
}
