import { IsIn } from 'class-validator';
import { saying } from '@crm/core';
import { ATTACHMENT_KINDS, AttachmentKind } from './attachment.entity';

export class AttachmentUploadDto {
  /** `report` (from the reporter: what is wrong) or `evidence` (of the work: what was done) */
  @IsIn(ATTACHMENT_KINDS, saying('harus report atau evidence', 'must be report or evidence'))
  kind: AttachmentKind;
}

export class AttachmentDto {
  id: string;
  kind: AttachmentKind;
  /** image/jpeg, image/png, image/webp or application/pdf — recognised from the content */
  contentType: string;
  /** Bytes, as stored (an image after re-encoding) */
  size: number;
  width?: number;
  height?: number;
  /** Where it is downloaded (through the ticket's access gate) */
  url: string;
  /** An image's small copy (320 px at most) */
  thumbnailUrl?: string;
  uploadedBy: string;
  createdAt: string;
}
