import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { ApiError, bilingual } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import {
  AttachmentDto,
  CommandContext,
  Complaint,
  RESTRICTED_CHANNEL,
  TicketCommands,
} from '@crm/tickets';
import type { PublishedEvidence } from '@crm/tickets';
import { Attachment, Redaction } from './attachment.entity';
import { Attachments, attachmentNotFound, keyOf, publicUrls, UPLOAD_FOLDER } from './attachments';
import { writePublicCopy, writeThumbnail } from './image-privacy';
import { FileStorage } from './storage/file-storage';

/**
 * The public copy of a follow-up's photo (docs/evidence.md, "The public copy"). Diskominfo
 * publishes it — blurred where a face, a house number or a plate shows — and the public timeline
 * (`/track`) shows it once the follow-up naming it is validated; never a reporter's photo, a
 * document, an Inspektorat complaint's or a sensitive category's (a household's need must not be
 * recognisable). One rule decides what the public sees: `published`, for the timeline and the
 * downloads alike.
 */
@Injectable()
export class Publications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FileStorage) private readonly storage: FileStorage,
    private readonly attachments: Attachments,
    private readonly commands: TicketCommands,
    private readonly reference: ReferenceCache,
  ) {}

  /** Makes (or makes again) the public copy, blurred in `redact`; its event in the history. */
  async publish(
    id: string,
    redact: readonly Redaction[],
    command: CommandContext,
  ): Promise<AttachmentDto> {
    const { attachment, complaint } = await this.attachments.find(id, command.principal);
    await this.refusal(attachment, complaint);
    const nonce = randomBytes(6).toString('hex');
    const keys = {
      copy: keyOf(attachment.complaintId, id, `public-${nonce}`),
      thumbnail: keyOf(attachment.complaintId, id, `public-${nonce}-thumbnail`),
    };
    const redactions = redact.map(({ x, y, w, h }) => ({ x, y, w, h }));
    await this.makeCopy(attachment, redactions, keys);
    try {
      await this.commands.run(attachment.complaintId, command, async (ticket, context, manager) => {
        ticket.publishEvidence(id, redactions.length, context);
        await manager.update(Attachment, id, {
          publicKey: keys.copy,
          publicThumbnailKey: keys.thumbnail,
          redactions,
          publishedBy: command.principal.sub,
          publishedAt: context.now,
        });
      });
    } catch (error) {
      await Promise.all(
        Object.values(keys).map((key) => this.storage.delete(key).catch(() => undefined)),
      );
      throw error;
    }
    const [view] = await this.attachments.list(attachment.complaintId, command.principal, [id]);
    return view;
  }

  /** Takes the public copy down (nothing to do when there is none); its event in the history. */
  async withdraw(id: string, command: CommandContext): Promise<void> {
    const { attachment } = await this.attachments.find(id, command.principal);
    if (!attachment.publicKey) return;
    await this.commands.run(attachment.complaintId, command, async (ticket, context, manager) => {
      ticket.withdrawEvidence(id, context);
      // The storage keys go to the removal queue with this change (migration EvidencePublication).
      await manager.update(Attachment, id, {
        publicKey: null,
        publicThumbnailKey: null,
        redactions: null,
        publishedBy: null,
        publishedAt: null,
      });
    });
  }

  /**
   * What the public sees of a ticket's evidence, by follow-up: the published copies of the
   * validated follow-ups' photos, oldest first. Nothing for an Inspektorat complaint or a
   * sensitive category.
   */
  async published(complaint: Complaint): Promise<PublishedEvidence> {
    const shown: PublishedEvidence = {};
    for (const photo of await this.shown([complaint])) {
      (shown[photo.followUpId] ??= []).push(publicUrls(complaint.trackingNumber, photo.id));
    }
    return shown;
  }

  /**
   * The first photo the public sees of each of these tickets (the latest validated follow-up's
   * first published photo): Open311's `media_url`.
   */
  async firstShown(
    complaints: readonly Pick<
      Complaint,
      'id' | 'channelCode' | 'categoryCode' | 'trackingNumber'
    >[],
  ): Promise<Map<string, { url: string; thumbnailUrl: string }>> {
    const chosen = new Map<string, { followUpId: string; id: string }>();
    // Oldest validation first: a later follow-up takes over, its own first photo stays.
    for (const photo of await this.shown(complaints)) {
      if (chosen.get(photo.complaintId)?.followUpId !== photo.followUpId) {
        chosen.set(photo.complaintId, photo);
      }
    }
    return new Map(
      complaints
        .filter((complaint) => chosen.has(complaint.id))
        .map((complaint) => [
          complaint.id,
          publicUrls(complaint.trackingNumber, chosen.get(complaint.id)!.id),
        ]),
    );
  }

  /**
   * The one rule of what the public sees: a published copy of evidence that a validated
   * follow-up names, never of an Inspektorat complaint or a sensitive category — oldest
   * validation first, then the follow-up's photos in upload order.
   */
  private async shown(
    complaints: readonly Pick<Complaint, 'id' | 'channelCode' | 'categoryCode'>[],
  ): Promise<{ complaintId: string; followUpId: string; id: string }[]> {
    const ids: string[] = [];
    for (const complaint of complaints) if (await this.mayShow(complaint)) ids.push(complaint.id);
    if (!ids.length) return [];
    return this.dataSource.query(
      `SELECT f.complaint_id AS "complaintId", f.id AS "followUpId", a.id
         FROM follow_ups f
         JOIN attachments a ON a.complaint_id = f.complaint_id AND f.attachment_ids ? a.id::text
        WHERE f.complaint_id = ANY($1::uuid[]) AND f.decision = 'approve'
          AND a.kind = 'evidence' AND a.public_key IS NOT NULL
        ORDER BY f.decided_at, f.id, a.created_at, a.id`,
      [ids],
    );
  }

  /** A public copy (or its thumbnail), for anyone holding the tracking number, once shown. */
  async open(
    trackingNumber: string,
    id: string,
    copy: 'original' | 'thumbnail',
  ): Promise<Readable> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { trackingNumber });
    if (!complaint) throw attachmentNotFound();
    const shown = Object.values(await this.published(complaint)).flat();
    if (!shown.some((photo) => photo.url === publicUrls(complaint.trackingNumber, id).url)) {
      throw attachmentNotFound();
    }
    const attachment = await this.dataSource.getRepository(Attachment).findOneBy({ id });
    const key = copy === 'thumbnail' ? attachment?.publicThumbnailKey : attachment?.publicKey;
    const content = key ? await this.storage.get(key) : undefined;
    if (!content) throw attachmentNotFound();
    return content;
  }

  /** Why this attachment may not be published, as a 409 an officer can act on; none: it may. */
  private async refusal(attachment: Attachment, complaint: Complaint): Promise<void> {
    if (attachment.kind !== 'evidence' || !attachment.contentType.startsWith('image/')) {
      throw notPublishable(
        'hanya foto bukti pekerjaan (kind evidence, gambar) yang dapat dipublikasikan, bukan foto pelapor atau dokumen',
        'only a photo of the work (kind evidence, an image) can be published, not a reporter’s photo or a document',
      );
    }
    if (!(await this.mayShow(complaint))) {
      throw notPublishable(
        'pengaduan Inspektorat dan kategori sensitif tidak pernah ditampilkan kepada publik',
        'Inspektorat complaints and sensitive categories are never shown to the public',
      );
    }
    const [named] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM follow_ups
        WHERE complaint_id = $1 AND attachment_ids ? $2 AND decision IS DISTINCT FROM 'reject'`,
      [attachment.complaintId, attachment.id],
    );
    if (!named.n) {
      throw notPublishable(
        'foto ini belum dilampirkan pada tindak lanjut yang menunggu validasi atau sudah divalidasi',
        'no follow-up awaiting validation or validated names this photo',
      );
    }
  }

  private async mayShow(
    complaint: Pick<Complaint, 'channelCode' | 'categoryCode'>,
  ): Promise<boolean> {
    if (complaint.channelCode === RESTRICTED_CHANNEL) return false;
    const category = complaint.categoryCode
      ? await this.reference.category(complaint.categoryCode)
      : undefined;
    return !category?.sensitive;
  }

  /** The public copy and its thumbnail, made from the stored image and put in the storage. */
  private async makeCopy(
    attachment: Attachment,
    redactions: Redaction[],
    keys: { copy: string; thumbnail: string },
  ): Promise<void> {
    await mkdir(UPLOAD_FOLDER, { recursive: true });
    const work = path.join(UPLOAD_FOLDER, randomUUID());
    const files = [work, `${work}.public`, `${work}.thumbnail`];
    try {
      const source = await this.storage.get(attachment.storageKey);
      if (!source) throw attachmentNotFound();
      await pipeline(source, createWriteStream(work));
      await writePublicCopy(work, files[1], redactions);
      await writeThumbnail(files[1], files[2]);
      await this.storage.put(keys.copy, files[1], 'image/jpeg');
      await this.storage.put(keys.thumbnail, files[2], 'image/jpeg');
    } catch (error) {
      await Promise.all(
        Object.values(keys).map((key) => this.storage.delete(key).catch(() => undefined)),
      );
      throw error;
    } finally {
      await Promise.all(files.map((file) => unlink(file).catch(() => undefined)));
    }
  }
}

const notPublishable = (id: string, en: string) =>
  new ApiError(
    HttpStatus.CONFLICT,
    'NOT_PUBLISHABLE',
    bilingual(`Tidak dapat dipublikasikan: ${id}`, `Cannot be published: ${en}`),
  );
