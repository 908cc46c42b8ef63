import type { ComplaintStatus, LocationMethod } from '../tickets/complaint-status';
import type { PossibleDuplicate } from '../tickets/complaint.entity';

export class RefDto {
  code: string;
  name: string;
}

export class ReporterViewDto {
  /** Masked for roles that do not contact the reporter */
  name: string | null;
  phone: string | null;
  email: string | null;
  /** Always masked (3171********0001); see the audited reveal */
  nik: string | null;
}

export class PointDto {
  lat: number;
  lon: number;
}

export class ComplaintDto {
  id: string;
  /** Public reference for the reporter */
  trackingNumber: string;
  channel: string;
  externalId: string | null;
  status: ComplaintStatus;
  category: RefDto | null;
  description: string;
  reporter: ReporterViewDto;
  location: PointDto | null;
  address: string | null;
  /** How the kelurahan was found */
  locationMethod: LocationMethod | null;
  /** For `nearest`: metres from the point to the kelurahan boundary */
  locationDistanceMeters: number | null;
  /** Other kelurahan whose simplified boundary also contains the point */
  locationAlternatives: string[];
  kelurahan: RefDto | null;
  kecamatan: RefDto | null;
  kota: RefDto | null;
  assignedUnit: RefDto | null;
  /** For Diskominfo's review: the unit that should probably act (the category's owner) */
  suggestedUnit: RefDto | null;
  /** Why the ticket waits in Diskominfo's review queue */
  reviewReason: string | null;
  channelDetails: Record<string, string>;
  photos: string[];
  possibleDuplicates: PossibleDuplicate[];
  emergency: boolean;
  dueAt: string | null;
  overdue: boolean;
  reportedAt: string;
  routedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What anyone holding the tracking number may see: no personal data, no content. */
export class TrackingDto {
  trackingNumber: string;
  status: ComplaintStatus;
  category: RefDto | null;
  kelurahan: RefDto | null;
  receivedAt: string;
  updatedAt: string;
}
