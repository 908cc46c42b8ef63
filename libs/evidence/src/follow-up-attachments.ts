import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { ApiError, bilingual } from '@crm/core';
import { FollowUpEvidence } from '@crm/tickets';
import { Attachment } from './attachment.entity';

/**
 * Tells a follow-up what its `attachmentIds` are: the ticket's own evidence, or a 400 naming the
 * field; and how many of them are images (a category may require one).
 */
@Injectable()
export class FollowUpAttachments implements OnModuleInit {
  constructor(private readonly evidence: FollowUpEvidence) {}

  onModuleInit(): void {
    this.evidence.use(async (manager, complaintId, ids) => {
      const rows = await manager.findBy(Attachment, { id: In([...ids]) });
      const own = rows.filter((row) => row.complaintId === complaintId && row.kind === 'evidence');
      if (own.length !== ids.length) {
        const problem = bilingual(
          'harus id lampiran bukti (kind evidence) yang diunggah ke tiket ini',
          'must be ids of evidence (kind evidence) uploaded to this ticket',
        );
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'VALIDATION_FAILED',
          bilingual(`attachmentIds: ${problem.id}`, `attachmentIds: ${problem.en}`),
          [{ field: 'attachmentIds', problem }],
        );
      }
      return { images: own.filter((row) => row.contentType.startsWith('image/')).length };
    });
  }
}
