import { randomUUID } from 'node:crypto';
import { Complaint } from './complaint.entity';
import { DEFAULT_REPORTER_TYPE } from './reporter';

/** What a new complaint must be told; everything else starts at its default. */
export type NewComplaintFields = Pick<
  Complaint,
  | 'trackingNumber'
  | 'channelCode'
  | 'externalId'
  | 'idempotencyKey'
  | 'requestHash'
  | 'categoryCode'
  | 'description'
  | 'reporterName'
  | 'reporterEmail'
  | 'reporterPhoneEncrypted'
  | 'reporterPhoneHash'
  | 'reporterNikEncrypted'
  | 'reporterNikHash'
  | 'lat'
  | 'lon'
  | 'address'
  | 'kelurahanCode'
  | 'locationMethod'
  | 'channelDetails'
  | 'photos'
  | 'reportedAt'
  | 'createdBy'
  | 'createdByRole'
> &
  Partial<Complaint>;

/**
 * A complaint's row before it is stored, every column set (the defaults of the table): the
 * ticket store inserts it whole, and intake answers with it without reading it back.
 */
export function newComplaint(fields: NewComplaintFields): Complaint {
  return Object.assign(new Complaint(), {
    id: randomUUID(),
    status: 'menunggu',
    locationDistanceMeters: null,
    locationAlternatives: [],
    suggestedUnitCode: null,
    assignedUnitCode: null,
    reviewReason: null,
    possibleDuplicates: [],
    emergency: false,
    dueAt: null,
    slaClock: null,
    resolutionDueAt: null,
    overdue: false,
    escalationLevel: 0,
    escalatedToUnitCode: null,
    bounceCount: 0,
    flagged: false,
    assignedAt: null,
    firstResponseAt: null,
    closedAt: null,
    registryStatus: null,
    registryCheckedAt: null,
    clockPausedAt: null,
    parentId: null,
    missingDetails: [],
    reporterType: DEFAULT_REPORTER_TYPE,
    reporterSex: null,
    reporterAge: null,
    reporterDisability: null,
    reporterAnonymous: false,
    disputedAt: null,
    rating: null,
    ratingComment: null,
    ratedAt: null,
    priority: 'biasa',
    assigneeSub: null,
    assigneeName: null,
    duplicateOf: null,
    routedAt: null,
    version: 1,
    ...fields,
  } satisfies Partial<Complaint>);
}
