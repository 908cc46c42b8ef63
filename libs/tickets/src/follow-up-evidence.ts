import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a follow-up's attachments are: how many are images (the checker refuses foreign ids). */
export type EvidenceChecker = (
  manager: EntityManager,
  complaintId: string,
  attachmentIds: readonly string[],
) => Promise<{ images: number }>;

/**
 * Where a follow-up learns what its `attachmentIds` are: the evidence feature registers its
 * checker here (the ticket library must not import the features built on it). Without one, a
 * follow-up names no attachments.
 */
@Injectable()
export class FollowUpEvidence {
  private checker?: EvidenceChecker;

  use(checker: EvidenceChecker): void {
    this.checker = checker;
  }

  async check(
    manager: EntityManager,
    complaintId: string,
    attachmentIds: readonly string[],
  ): Promise<{ images: number }> {
    if (!attachmentIds.length || !this.checker) return { images: 0 };
    return this.checker(manager, complaintId, attachmentIds);
  }
}
