import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { fromFile } from 'file-type';
import { DataSource } from 'typeorm';
import { ApiError, bilingual, Principal } from '@crm/core';
import {
  AttachmentDto,
  CommandContext,
  Complaint,
  TicketCommands,
  TicketReader,
} from '@crm/tickets';
import { Attachment, AttachmentKind } from './attachment.entity';
import { MAX_IMAGE_PIXELS, reencodeImage, writeThumbnail } from './image-privacy';
import { FileStorage } from './storage/file-storage';

/** Where uploads and copies being made wait (removed once the request is answered). */
export const UPLOAD_FOLDER = path.join(tmpdir(), 'crm-uploads');

/** At most this many attachments a ticket. */
export const MAX_ATTACHMENTS = 20;
/** At most this many bytes a file (multer refuses more with 413 while it streams). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
type Accepted = (typeof ACCEPTED)[number];

/** An uploaded file as multer left it on disk. */
export interface UploadedPart {
  path: string;
  size: number;
}

interface Prepared {
  id: string;
  contentType: Accepted;
  file: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail: string | null;
}

/**
 * Photos and documents of a ticket (docs/evidence.md). An upload is checked whole before anything
 * is kept — every file recognised by its content, every image re-encoded without its metadata —
 * then stored, then recorded on the ticket as one step (its event in the history); a refused
 * step removes what was stored. Reading goes through the ticket's access gate.
 */
@Injectable()
export class Attachments {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FileStorage) private readonly storage: FileStorage,
    private readonly commands: TicketCommands,
    private readonly tickets: TicketReader,
  ) {}

  async add(
    complaintId: string,
    kind: AttachmentKind,
    parts: UploadedPart[],
    command: CommandContext,
  ): Promise<AttachmentDto[]> {
    const temporary = parts.map((part) => part.path);
    try {
      // Not the caller's ticket: nothing of the files is even looked at (404 as for a read).
      await this.tickets.readable(complaintId, command.principal);
      if (!parts.length) throw fileRequired();
      const prepared: Prepared[] = [];
      for (const part of parts) {
        const item = await this.prepare(part);
        temporary.push(item.file, ...(item.thumbnail ? [item.thumbnail] : []));
        prepared.push(item);
      }
      const keys = await this.store(complaintId, prepared);
      try {
        await this.commands.run(complaintId, command, async (ticket, context, manager) => {
          const held = await manager.countBy(Attachment, { complaintId });
          if (held + prepared.length > MAX_ATTACHMENTS) throw tooMany(held);
          ticket.attach(
            kind,
            prepared.map((item) => item.id),
            context,
          );
          await manager.insert(
            Attachment,
            prepared.map((item) => ({
              id: item.id,
              complaintId,
              kind,
              contentType: item.contentType,
              size: item.size,
              width: item.width,
              height: item.height,
              storageKey: keyOf(complaintId, item.id),
              thumbnailKey: item.thumbnail ? keyOf(complaintId, item.id, 'thumbnail') : null,
              uploadedBy: command.principal.sub,
              uploadedRole: command.principal.role,
            })),
          );
        });
      } catch (error) {
        await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
        throw error;
      }
      return this.list(
        complaintId,
        command.principal,
        prepared.map((item) => item.id),
      );
    } finally {
      await Promise.all(temporary.map((file) => unlink(file).catch(() => undefined)));
    }
  }

  /** A ticket's attachments, oldest first (only `ids`, when given). */
  async list(complaintId: string, principal: Principal, ids?: string[]): Promise<AttachmentDto[]> {
    const complaint = await this.tickets.readable(complaintId, principal);
    return (await this.ofTicket(complaint)).filter((item) => !ids || ids.includes(item.id));
  }

  /** A ticket's attachments, oldest first, for who may read it already. */
  async ofTicket(complaint: Complaint): Promise<AttachmentDto[]> {
    const rows = await this.dataSource.getRepository(Attachment).find({
      where: { complaintId: complaint.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => view(row, complaint.trackingNumber));
  }

  /** An attachment and its ticket, if the caller may read the ticket; else 404. */
  async find(
    id: string,
    principal: Principal,
  ): Promise<{ attachment: Attachment; complaint: Complaint }> {
    const attachment = await this.dataSource.getRepository(Attachment).findOneBy({ id });
    if (!attachment) throw attachmentNotFound();
    // The ticket's own answer for a ticket the caller may not read: the same 404.
    const complaint = await this.tickets.readable(attachment.complaintId, principal).catch(() => {
      throw attachmentNotFound();
    });
    return { attachment, complaint };
  }

  /** An attachment's bytes (or its thumbnail's), if the caller may read its ticket; else 404. */
  async open(
    id: string,
    principal: Principal,
    copy: 'original' | 'thumbnail',
  ): Promise<{ attachment: Attachment; content: Readable }> {
    const { attachment } = await this.find(id, principal);
    const key = copy === 'thumbnail' ? attachment.thumbnailKey : attachment.storageKey;
    const content = key ? await this.storage.get(key) : undefined;
    if (!content) throw attachmentNotFound();
    return { attachment, content };
  }

  /** What the bytes are, and for an image its copy without metadata and its thumbnail. */
  private async prepare(part: UploadedPart): Promise<Prepared> {
    const recognised = await fromFile(part.path);
    const contentType = ACCEPTED.find((type) => type === recognised?.mime);
    if (!contentType) throw unsupported(recognised?.mime);
    const id = randomUUID();
    if (contentType === 'application/pdf') {
      return {
        id,
        contentType,
        file: part.path,
        size: part.size,
        width: null,
        height: null,
        thumbnail: null,
      };
    }
    const file = `${part.path}.clean`;
    const thumbnail = `${part.path}.thumbnail`;
    try {
      const image = await reencodeImage(part.path, file, contentType);
      await writeThumbnail(file, thumbnail);
      return { id, contentType, file, ...image, thumbnail };
    } catch (error) {
      if (/pixel limit/i.test((error as Error).message)) throw imageTooLarge();
      throw unreadable();
    }
  }

  private async store(complaintId: string, prepared: Prepared[]): Promise<string[]> {
    const keys: string[] = [];
    try {
      for (const item of prepared) {
        const key = keyOf(complaintId, item.id);
        await this.storage.put(key, item.file, item.contentType);
        keys.push(key);
        if (item.thumbnail) {
          const thumbnailKey = keyOf(complaintId, item.id, 'thumbnail');
          await this.storage.put(thumbnailKey, item.thumbnail, 'image/jpeg');
          keys.push(thumbnailKey);
        }
      }
      return keys;
    } catch (error) {
      await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }
}

/** The storage key of a copy of an attachment: `original`, `thumbnail`, `public-…`. */
export function keyOf(complaintId: string, id: string, copy = 'original'): string {
  return `${complaintId}/${id}.${copy}`;
}

function view(row: Attachment, trackingNumber: string): AttachmentDto {
  return {
    id: row.id,
    kind: row.kind,
    contentType: row.contentType,
    size: row.size,
    ...(row.width !== null ? { width: row.width, height: row.height ?? undefined } : {}),
    url: `/api/v1/attachments/${row.id}`,
    ...(row.thumbnailKey ? { thumbnailUrl: `/api/v1/attachments/${row.id}/thumbnail` } : {}),
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    ...(row.publicKey && row.publishedAt
      ? {
          publication: {
            ...publicUrls(trackingNumber, row.id),
            redact: row.redactions ?? [],
            publishedBy: row.publishedBy ?? '',
            publishedAt: row.publishedAt.toISOString(),
          },
        }
      : {}),
  };
}

/** Where the public fetches a published copy: behind the unguessable tracking number. */
export function publicUrls(trackingNumber: string, id: string) {
  const url = `/api/v1/complaints/track/${trackingNumber}/evidence/${id}`;
  return { url, thumbnailUrl: `${url}/thumbnail` };
}

export const attachmentNotFound = () =>
  new ApiError(
    HttpStatus.NOT_FOUND,
    'ATTACHMENT_NOT_FOUND',
    bilingual(
      'Lampiran tidak ditemukan atau bukan wewenang Anda',
      'No such attachment, or not yours to see',
    ),
  );
const fileRequired = () =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    bilingual(
      'file: lampirkan satu atau lebih berkas (JPEG, PNG, WebP atau PDF)',
      'file: attach one or more files (JPEG, PNG, WebP or PDF)',
    ),
    [{ field: 'file', problem: bilingual('wajib diisi', 'is required') }],
  );
const unsupported = (found: string | undefined) =>
  new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'UNSUPPORTED_FILE',
    bilingual(
      `Isi berkas bukan JPEG, PNG, WebP atau PDF${found ? ` (melainkan ${found})` : ''}, apa pun nama berkasnya; tidak ada berkas yang disimpan`,
      `The content is not JPEG, PNG, WebP or PDF${found ? ` (it is ${found})` : ''}, whatever the file's name; nothing was stored`,
    ),
  );
const imageTooLarge = () =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'IMAGE_TOO_LARGE',
    bilingual(
      `Gambar lebih dari ${MAX_IMAGE_PIXELS / 1_000_000} megapiksel; perkecil gambarnya. Tidak ada berkas yang disimpan`,
      `The image has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels; send a smaller one. Nothing was stored`,
    ),
  );
const unreadable = () =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'UNREADABLE_FILE',
    bilingual(
      'Gambar rusak atau tidak lengkap dan tidak dapat dibaca; kirim ulang berkasnya. Tidak ada berkas yang disimpan',
      'The image is damaged or incomplete; send it again. Nothing was stored',
    ),
  );
const tooMany = (held: number) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'TOO_MANY_ATTACHMENTS',
    bilingual(
      `Satu tiket paling banyak ${MAX_ATTACHMENTS} lampiran; tiket ini sudah punya ${held}`,
      `A ticket takes at most ${MAX_ATTACHMENTS} attachments; this one has ${held}`,
    ),
  );
