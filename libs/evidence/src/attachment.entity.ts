import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Complaint } from '@crm/tickets';

export const ATTACHMENT_KINDS = ['report', 'evidence'] as const;
/** `report`: from the reporter (what is wrong); `evidence`: of the work (what was done). */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * A photo or document of a ticket. The bytes are in the storage (FileStorage) under the
 * service's own keys; an image is stored re-encoded, without its EXIF, with a thumbnail beside it.
 */
@Entity('attachments')
@Index('ix_attachments_complaint', ['complaintId', 'createdAt'])
@Check('ck_attachments_kind', `kind IN ('report', 'evidence')`)
export class Attachment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: Complaint;

  @Column({ type: 'varchar', length: 8 })
  kind: AttachmentKind;

  /** What the content is (recognised from the bytes, never from the name or declared type). */
  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: string;

  /** Bytes stored (after re-encoding, for an image). */
  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ name: 'thumbnail_key', type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy: string;

  @Column({ name: 'uploaded_role', type: 'varchar', length: 16 })
  uploadedRole: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /**
   * The public copy Diskominfo published (blurred in `redactions`) and its thumbnail; null while
   * unpublished. A new key each time: the copy it replaces is removed once the change commits.
   */
  @Column({ name: 'public_key', type: 'varchar', length: 200, nullable: true })
  publicKey: string | null;

  @Column({ name: 'public_thumbnail_key', type: 'varchar', length: 200, nullable: true })
  publicThumbnailKey: string | null;

  /** The blurred regions of the public copy, as fractions of the image. */
  @Column({ type: 'jsonb', nullable: true })
  redactions: Redaction[] | null;

  @Column({ name: 'published_by', type: 'varchar', length: 200, nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}

/** A region of an image: fractions of its width and height, from its top left corner. */
export interface Redaction {
  x: number;
  y: number;
  w: number;
  h: number;
}
