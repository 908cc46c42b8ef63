import { Injectable } from '@nestjs/common';
import type { Complaint } from '../complaint.entity';
import type { TrackingDto } from './complaint.dto';

/** What a feature adds to the public tracking view of a complaint (nothing personal). */
export type TrackingExtension = (complaint: Complaint) => Promise<Partial<TrackingDto>>;

/**
 * The features that add to `/track` register here (the poverty path adds the prelist stages):
 * the ticket library reads tickets, and must not import the features built on it.
 */
@Injectable()
export class TrackingExtensions {
  private readonly extensions: TrackingExtension[] = [];

  add(extension: TrackingExtension): void {
    this.extensions.push(extension);
  }

  async of(complaint: Complaint): Promise<Partial<TrackingDto>> {
    const parts = await Promise.all(this.extensions.map((extension) => extension(complaint)));
    return Object.assign({}, ...parts) as Partial<TrackingDto>;
  }
}
