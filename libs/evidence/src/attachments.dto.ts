import { IsIn } from 'class-validator';
import { saying } from '@crm/core';
import { ATTACHMENT_KINDS, AttachmentKind } from './attachment.entity';

export class AttachmentUploadDto {
  /** `report` (from the reporter: what is wrong) or `evidence` (of the work: what was done) */
  @IsIn(ATTACHMENT_KINDS, saying('harus report atau evidence', 'must be report or evidence'))
  kind: AttachmentKind;
}
