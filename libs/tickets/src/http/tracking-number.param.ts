import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { saying } from '@crm/core';
import { normaliseTrackingNumber, TRACKING_NUMBER_PATTERN } from '../tracking-number';

/** A tracking number in a public path (`/track/{trackingNumber}`). */
export class TrackingNumberParam {
  /** As typed: `jkt-7k2m-…` is the same number (normaliseTrackingNumber). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseTrackingNumber(value) : value,
  )
  @Matches(
    TRACKING_NUMBER_PATTERN,
    saying('harus nomor lacak seperti JKT-XXXX-XXXX-XXXX', 'must look like JKT-XXXX-XXXX-XXXX'),
  )
  trackingNumber: string;
}
