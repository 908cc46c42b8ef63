/** The parts of the API's answers the console shows (docs/api.md). */
export interface Ref {
  code: string;
  name: string;
}

export interface TicketSummary {
  id: string;
  trackingNumber: string;
  status: string;
  channel: string;
  category: Ref | null;
  kelurahan: Ref | null;
  assignedUnit: Ref | null;
  description: string;
  dueAt: string | null;
  overdue: boolean;
  priority: string;
  createdAt: string;
  version: number;
  suggestedUnit: Ref | null;
  /** Tickets routing found alike (shown to Diskominfo, admins and the Inspektorat only) */
  possibleDuplicates: {
    id: string;
    trackingNumber: string;
    reason: 'nearby-same-category' | 'same-reporter-same-category';
  }[];
}

export interface Attachment {
  id: string;
  kind: 'report' | 'evidence';
  contentType: string;
  url: string;
  thumbnailUrl?: string;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  /** The running deadline's clock (forward, respond, coordinate, resolve, validate), or null */
  slaClock: string | null;
  resolutionDueAt: string | null;
  /** Deadlines decided so far, in the order they were decided */
  deadlines: { clock: string; unit: string; dueAt: string; decidedAt: string; met: boolean }[];
  assignee: { sub: string | null; name: string } | null;
  reviewReason: string | null;
  reporter: {
    name: string | null;
    phone: string | null;
    email: string | null;
    nik: string | null;
    anonymous: boolean;
  };
  address: string | null;
  history: {
    id: string;
    type: string;
    actor: string;
    toStatus: string;
    reason: string | null;
    /** What the step recorded: a registry check's result, a triage's prelist entry, … */
    data: Record<string, unknown>;
    at: string;
  }[];
  followUps: {
    id: string;
    note: string;
    attachmentIds: string[];
    submittedAt: string;
    decision: string | null;
    decisionNote: string | null;
  }[];
  notes: { id: string; text: string; by: string; at: string }[];
  attachments: Attachment[];
}

export interface Page<T> {
  data: T[];
  meta: { total: number; page?: number; limit?: number };
}

export interface Channel extends Ref {
  active: boolean;
}

export interface Category extends Ref {
  requiresPhotoEvidence: boolean;
}

export interface Kelurahan extends Ref {
  kecamatan: Ref;
}

/** A household on the prelist for field verification (docs/api.md, "Not yet in the database"). */
export interface PrelistEntry {
  id: string;
  status: string;
  kelurahanCode: string;
  emergency: boolean;
  complaintIds: string[];
  source: 'complaint' | 'muskel';
  needsRegistration: boolean;
  members: { name: string; nik: string | null; withoutNik?: true; relation: string; sex: string }[];
  /** Per agency: its result, or null while it is due; a verifier sees its own agency only. */
  verifications: Record<
    string,
    {
      result: string;
      members: { member: number; result: string }[];
      note: string;
      at: string;
    } | null
  >;
  muskel: { eligible: boolean; note: string | null; at: string } | null;
  reverificationDue: boolean;
  exportedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
}
