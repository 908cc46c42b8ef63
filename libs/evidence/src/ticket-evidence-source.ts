import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { ApiError, bilingual } from '@crm/core';
import { TicketEvidence } from '@crm/tickets';
import { Attachment } from './attachment.entity';
import { Attachments } from './attachments';
import { Publications } from './publication';

/**
 * Tells the ticket about its attachments: a follow-up's `attachmentIds` (the ticket's own
 * evidence, or a 400 naming the field, and how many are images — a category may require one),
 * the detail's list, and the public timeline's published copies.
 */
@Injectable()
export class TicketEvidenceSource implements OnModuleInit {
  constructor(
    private readonly evidence: TicketEvidence,
    private readonly attachments: Attachments,
    private readonly publications: Publications,
  ) {}

  onModuleInit(): void {
    this.evidence.use({
      check: async (manager, complaintId, ids) => {
        const rows = await manager.findBy(Attachment, { id: In([...ids]) });
        const own = rows.filter(
          (row) => row.complaintId === complaintId && row.kind === 'evidence',
        );
        if (own.length !== ids.length) throw foreignAttachments();
        return { images: own.filter((row) => row.contentType.startsWith('image/')).length };
      },
      attachments: (complaint) => this.attachments.ofTicket(complaint),
      published: (complaint) => this.publications.published(complaint),
    });
  }
}

function foreignAttachments(): ApiError {
  const problem = bilingual(
    'harus id lampiran bukti (kind evidence) yang diunggah ke tiket ini',
    'must be ids of evidence (kind evidence) uploaded to this ticket',
  );
  return new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    bilingual(`attachmentIds: ${problem.id}`, `attachmentIds: ${problem.en}`),
    [{ field: 'attachmentIds', problem }],
  );
}
