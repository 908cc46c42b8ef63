import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Complaint } from './complaint.entity';
import type { AttachmentDto } from './read/complaint.dto';
import type { PublishedEvidence } from './read/public-timeline';

/** What the evidence feature tells the ticket about its photos and documents. */
export interface EvidenceSource {
  /** A follow-up's `attachmentIds`: how many are images (foreign ids are refused with a 400). */
  check(
    manager: EntityManager,
    complaintId: string,
    attachmentIds: readonly string[],
  ): Promise<{ images: number }>;
  /** The ticket's attachments, oldest first, for its detail. */
  attachments(complaint: Complaint): Promise<AttachmentDto[]>;
  /** The public copies of each validated follow-up's evidence, for the public timeline. */
  published(complaint: Complaint): Promise<PublishedEvidence>;
}

/**
 * Where the ticket learns about its attachments: the evidence feature registers its source here
 * (the ticket library must not import the features built on it). Without one, a ticket has
 * none and a follow-up names none.
 */
@Injectable()
export class TicketEvidence {
  private source?: EvidenceSource;

  use(source: EvidenceSource): void {
    this.source = source;
  }

  async check(
    manager: EntityManager,
    complaintId: string,
    attachmentIds: readonly string[],
  ): Promise<{ images: number }> {
    if (!attachmentIds.length || !this.source) return { images: 0 };
    return this.source.check(manager, complaintId, attachmentIds);
  }

  attachments(complaint: Complaint): Promise<AttachmentDto[]> {
    return this.source ? this.source.attachments(complaint) : Promise.resolve([]);
  }

  published(complaint: Complaint): Promise<PublishedEvidence> {
    return this.source ? this.source.published(complaint) : Promise.resolve({});
  }
}
