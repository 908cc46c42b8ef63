import type { TicketStatus, LocationMethod, TicketPriority } from '../ticket-status';
import type { PossibleDuplicate } from '../complaint.entity';
import type { ReporterType } from '../reporter';

export class RefDto {
  code: string;
  name: string;
}

export class ReporterViewDto {
  /** A person, a civil-society organisation or a government unit (Kepsekda 75/2023 §2.4.2.4) */
  type: ReporterType;
  /** The reporter asked to stay anonymous: only Diskominfo and admins see who they are */
  anonymous: boolean;
  /** Masked for roles that do not contact the reporter; "Pelapor anonim" for an anonymous one */
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

export class AssigneeDto {
  /** Their token's `sub` */
  sub: string;
  name: string | null;
}

export class ComplaintDto {
  id: string;
  /** Public reference for the reporter */
  trackingNumber: string;
  channel: string;
  externalId: string | null;
  status: TicketStatus;
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
  /** Facts of the channel the operator did not record (`senderNumber`, `handle`, …) */
  missingDetails: string[];
  photos: string[];
  possibleDuplicates: PossibleDuplicate[];
  emergency: boolean;
  /** The deadline running now: forward, respond, coordinate, resolve or validate */
  slaClock: string | null;
  dueAt: string | null;
  /** An agency's overall resolution deadline (kept across re-routes) */
  resolutionDueAt: string | null;
  overdue: boolean;
  /** Missed deadlines so far, and the unit the last one escalated to */
  escalationLevel: number;
  escalatedTo: RefDto | null;
  /** Re-routes by units since Diskominfo last routed it */
  bounceCount: number;
  /** Returned to Diskominfo's review for a person's attention */
  flagged: boolean;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  /** For a complaint rejected as a duplicate */
  duplicateOf: string | null;
  reportedAt: string;
  routedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** biasa, tinggi or darurat (set by Diskominfo) */
  priority: TicketPriority;
  /** The staff member of the holding unit who handles it; null when nobody is named */
  assignee: AssigneeDto | null;
  version: number;
}

/** One stage of the household's way through the prelist, as the reporter follows it. */
export class PrelistStageDto {
  /**
   * diterima (on the prelist), diverifikasi, dimusyawarahkan, diverifikasi_ulang (the officers
   * verified the Musyawarah's result), dikirim, diputuskan
   */
  stage:
    | 'diterima'
    | 'diverifikasi'
    | 'dimusyawarahkan'
    | 'diverifikasi_ulang'
    | 'dikirim'
    | 'diputuskan';
  at: string;
  /** For `dimusyawarahkan`: the Musyawarah Kelurahan found the household eligible */
  eligible?: boolean;
  /** For `diputuskan`: the Governor's decree set the household as a target */
  setByDecree?: boolean;
}

/** The household's prelist entry as the reporter may follow it: stages and dates, nothing else. */
export class PrelistTrackingDto {
  /** The stage reached (the last of `stages`) */
  stage: PrelistStageDto['stage'];
  stages: PrelistStageDto[];
  /**
   * The cycle of the target data set the household counts in: its determination date, its
   * cut-off, and the cycle it missed when it waits for the next
   */
  cycle?: { id: string; determination: string; cutOff: string; carriedOverFrom: string | null };
}

/** One public step of a ticket (docs/notifications.md). */
export class TimelineEntryDto {
  at: string;
  /**
   * diterima, diteruskan, diproses, tindak_lanjut (a validated follow-up, with its note),
   * selesai, ditolak (with the reason), dibuka_kembali, prelist (with the prelist's stage)
   */
  stage:
    | 'diterima'
    | 'diteruskan'
    | 'diproses'
    | 'tindak_lanjut'
    | 'selesai'
    | 'ditolak'
    | 'dibuka_kembali'
    | 'prelist';
  text?: string;
  /** The unit, by its name: never an officer's */
  unit?: RefDto;
  /** Photos of the work that Diskominfo published with the validated follow-up */
  evidence?: { url: string; thumbnailUrl: string }[];
}

/** What anyone holding the tracking number may see: no personal data, no content. */
export class TrackingDto {
  trackingNumber: string;
  status: TicketStatus;
  category: RefDto | null;
  kelurahan: RefDto | null;
  receivedAt: string;
  updatedAt: string;
  /**
   * A not-in-database complaint (flow 4): its household's stages on the prelist, which go on
   * after the complaint itself is `selesai`; absent for any other complaint
   */
  prelist?: PrelistTrackingDto;
  /** What happened, oldest first: validated follow-ups only, units by name, nobody's name */
  timeline: TimelineEntryDto[];
}

export class HistoryEventDto {
  id: string;
  /** received, routed, disposition, accepted, follow-up, approved, follow-up-rejected, … */
  type: string;
  /** The token's `sub`; `system` for the service's own steps */
  actor: string;
  role: string;
  unit: string | null;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  data: Record<string, unknown>;
  requestId: string | null;
  at: string;
}

export class DispositionViewDto {
  fromUnit: string | null;
  toUnit: string | null;
  reasonCode: string | null;
  note: string | null;
  by: string;
  role: string;
  at: string;
}

export class FollowUpViewDto {
  id: string;
  unit: string;
  note: string;
  evidence: string[];
  /** The ticket's attachments (`GET …/attachments`) this follow-up shows */
  attachmentIds: string[];
  doneAt: string | null;
  submittedBy: string;
  submittedAt: string;
  decision: 'approve' | 'reject' | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A photo or document of the ticket (docs/evidence.md). */
export class AttachmentDto {
  id: string;
  /** `report` (from the reporter: what is wrong) or `evidence` (of the work: what was done) */
  kind: 'report' | 'evidence';
  /** image/jpeg, image/png, image/webp or application/pdf — recognised from the content */
  contentType: string;
  /** Bytes, as stored (an image after re-encoding) */
  size: number;
  width?: number;
  height?: number;
  /** Where it is downloaded (through the ticket's access gate) */
  url: string;
  /** An image's small copy (320 px at most) */
  thumbnailUrl?: string;
  uploadedBy: string;
  createdAt: string;
  /**
   * Evidence Diskominfo published: the public copy (blurred where asked), shown on the public
   * timeline once the follow-up that names it is validated
   */
  publication?: PublicationDto;
}

export class PublicationDto {
  /** The public copy, for anyone holding the tracking number (once its follow-up is validated) */
  url: string;
  thumbnailUrl: string;
  /** Regions blurred, as fractions of the image */
  redact: RedactionDto[];
  publishedBy: string;
  publishedAt: string;
}

/** A region of an image, as fractions of its width and height from the top left corner. */
export class RedactionDto {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An internal note on a ticket. */
export class NoteDto {
  id: string;
  text: string;
  /** The writer's token `sub`, role and unit */
  by: string;
  role: string;
  unit: string | null;
  at: string;
}

/** A deadline the ticket has passed through: met, or missed (docs/lifecycle.md). */
export class DecidedDeadlineDto {
  /** forward, respond, coordinate, resolve, validate */
  clock: string;
  /** The unit it bound: the holder, or `diskominfo` for forwarding and validation */
  unit: string;
  dueAt: string;
  /** When the step was taken, or when the watch found the deadline passed */
  decidedAt: string;
  met: boolean;
}

/** One ticket with everything that happened to it. */
export class ComplaintDetailDto extends ComplaintDto {
  history: HistoryEventDto[];
  dispositions: DispositionViewDto[];
  followUps: FollowUpViewDto[];
  /**
   * Internal notes, oldest first: staff only (an operator reads none), never public and never in
   * a notice
   */
  notes: NoteDto[];
  /** Photos and documents, oldest first: the reporter's (`report`) beside the unit's (`evidence`) */
  attachments: AttachmentDto[];
  /** Child tickets of a not-in-database complaint: emergency handling, registration at Disdukcapil */
  children: string[];
  /**
   * The deadlines decided so far, in the order they were decided; the one running now is
   * `slaClock` and `dueAt`
   */
  deadlines: DecidedDeadlineDto[];
  /** After a write: what the caller should know that did not stop it */
  warnings?: string[];
}
