import type { TicketPriority, TicketStatus } from './ticket-status';

/**
 * What happened to a ticket, one variant per kind of step: the ticket's history (one row each in
 * `complaint_events`, never changed) and what drives the side effects — routing, notices, the
 * reporter's timeline — through the outbox. `data` is what the history shows of the step.
 */
export type TicketEvent =
  | { type: 'received'; data: { channel: string } }
  | { type: 'assigned'; data: { toUnit: string } }
  | { type: 'routed'; data: Placed & { toUnit: string } }
  | { type: 'held-for-review'; data: Placed }
  | { type: 'located'; data: Placed }
  | { type: 'accepted'; data: { unit: string | null } }
  | { type: 'follow-up'; data: { note: string; evidence: string[] } }
  | { type: 'approved'; data: { decision: 'approve' } }
  | { type: 'follow-up-rejected'; data: { decision: 'reject' } }
  | { type: 'rejected'; data: { duplicateOf: string | null } }
  | { type: 'reopened'; data: { toUnit: string | null } }
  /** The reporter disputed the closing; the reason is the event's. */
  | { type: 'disputed'; data: { toUnit: string } }
  | { type: 'rated'; data: { score: number } }
  | { type: 'disposition'; data: Hop & { toUnit: string; warnings: string[] } }
  | {
      type: 'returned-to-review';
      data: Hop & { toUnit: null; requestedUnit: string; bounces: number };
    }
  | { type: 'duplicate-linked'; data: { duplicate: string; trackingNumber: string } }
  | {
      type: 'overdue';
      data: {
        clock: string | null;
        dueAt: string;
        holder: string | null;
        escalatedTo: string;
        level: number;
        nextDueAt: string | null;
      };
    }
  | {
      type: 'registry-check';
      data: {
        result: string;
        /** Masked: the history never holds a full NIK. Null for a reporter without one. */
        nik: string | null;
        /** The reporter has no NIK (checked without one: not in P3KE, 75/2023 §3.1.1.1) */
        withoutNik?: boolean;
        p3keFamilyId: string | null;
        clockPaused: boolean;
      };
    }
  | {
      type: 'application';
      data: {
        suggestion: { emergency: boolean; povertyLevel: string; perCapitaExpenditure: number };
        conditions: string[];
        members: number;
        membersWithoutNik?: number;
      };
    }
  | {
      type: 'triage';
      data: {
        emergency: boolean;
        prelistEntryId: string;
        childTicketId: string | null;
        handlingUnit: string | null;
        /** Members without a NIK: the household is routed to Disdukcapil to register them */
        membersWithoutNik?: number;
        registrationTicketId?: string | null;
      };
    }
  | { type: 'emergency-opened'; data: { parent: string; toUnit: string } }
  | { type: 'registration-opened'; data: { parent: string; toUnit: string; members: number } }
  | { type: 'closed'; data: Record<string, never> }
  /** An internal note (the text is the event's reason): staff only, never public or in notices. */
  | { type: 'note'; data: Record<string, never> }
  | {
      type: 'recategorised';
      data: { fromCategory: string | null; toCategory: string; suggestedUnit: string };
    }
  | { type: 'prioritised'; data: { from: TicketPriority; to: TicketPriority } }
  /** The staff member of the holding unit who handles it; nulls when unassigned. */
  | { type: 'assignee-set'; data: { sub: string | null; name: string | null } }
  /** Photos or documents added (their ids; the files are the attachments'). */
  | { type: 'attached'; data: { kind: 'report' | 'evidence'; attachments: string[] } }
  /** A public copy of an evidence photo, with how many regions were blurred. */
  | { type: 'evidence-published'; data: { attachment: string; redactions: number } }
  /** The public copy taken down again. */
  | { type: 'evidence-withdrawn'; data: { attachment: string } }
  /** The household's prelist entry reached a stage the reporter is told of. */
  | { type: 'prelist-stage'; data: { stage: PrelistStage } };

/** The prelist's stages after entry that the reporter hears of (docs/registry.md). */
export type PrelistStage = 'diverifikasi' | 'dimusyawarahkan' | 'dikirim' | 'diputuskan';

export type TicketEventType = TicketEvent['type'];

/** Where routing placed the ticket, as its history tells it. */
interface Placed {
  kelurahan: string | null;
  method: string | null;
  suggestedUnit: string | null;
  /** Tracking numbers: shown only to who may read them (see the access gate). */
  possibleDuplicates: string[];
}

/** One re-route: why, as a code and in the officer's words. */
interface Hop {
  fromUnit: string | null;
  reasonCode: string | null;
  note: string | null;
}

/** An event as the store writes it: the step's event with who took it, when, from and to. */
export interface RecordedEvent {
  event: TicketEvent;
  reason: string | null;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
}
