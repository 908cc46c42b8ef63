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
  assignee: { sub: string | null; name: string } | null;
  suggestedUnit: Ref | null;
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
