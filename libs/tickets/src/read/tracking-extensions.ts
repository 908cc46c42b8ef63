import { Injectable } from '@nestjs/common';
import type { Complaint } from '../complaint.entity';
import type { TrackingDto } from './complaint.dto';
import type { PublishedEvidence } from './public-timeline';

/** What a feature adds to the public tracking view of a complaint (nothing personal). */
export type TrackingExtension = (complaint: Complaint) => Promise<Partial<TrackingDto>>;

/** The published photos of a ticket's validated follow-ups (the evidence feature gives them). */
export type EvidenceSource = (complaint: Complaint) => Promise<PublishedEvidence>;

/**
 * The features that add to `/track` register here (the poverty path adds the prelist stages, the
 * evidence feature the published photos):
 * the ticket library reads tickets, and must not import the features built on it.
 */
@Injectable()
export class TrackingExtensions {
  private readonly extensions: TrackingExtension[] = [];
  private evidenceSource: EvidenceSource = () => Promise.resolve({});

  add(extension: TrackingExtension): void {
    this.extensions.push(extension);
  }

  /** Where the timeline finds the photos published with each validated follow-up. */
  useEvidence(source: EvidenceSource): void {
    this.evidenceSource = source;
  }

  publishedEvidence(complaint: Complaint): Promise<PublishedEvidence> {
    return this.evidenceSource(complaint);
  }

  async of(complaint: Complaint): Promise<Partial<TrackingDto>> {
    const parts = await Promise.all(this.extensions.map((extension) => extension(complaint)));
    return Object.assign({}, ...parts) as Partial<TrackingDto>;
  }
}
