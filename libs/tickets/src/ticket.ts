import { Bilingual, bilingual } from '@crm/core';
import type { SlaPolicy } from '@crm/sla';
import { Complaint } from './complaint.entity';
import { TicketErrors } from './ticket-errors';
import type { PrelistStage, TicketEvent } from './ticket-events';
import {
  INSPEKTORAT_UNIT,
  isClosed,
  RESTRICTED_CHANNEL,
  TicketPriority,
  TicketStatus,
} from './ticket-status';
import {
  Action,
  ActorKind,
  DISPUTE_WINDOW_WORKING_DAYS,
  MAX_BOUNCES,
  refusal,
  REOPEN_WINDOW_DAYS,
  Transition,
  TRANSITIONS,
} from './transitions';

/** Who takes a step, as the history records it. */
export interface Actor {
  kind: ActorKind;
  /** The token's `sub`; `system` for the service's own steps. */
  sub: string;
  role: string;
  unit: string | null;
  /** The request that caused the step (`X-Request-Id`), to match the logs. */
  requestId: string | null;
}

export const SERVICE_ACTOR: Actor = {
  kind: 'system',
  sub: 'system',
  role: 'system',
  unit: null,
  requestId: null,
};

/** What every step needs besides its own input: who, when, and the deadline rules. */
export interface StepContext {
  actor: Actor;
  now: Date;
  sla: SlaPolicy;
}

/** An event the next save writes to the ticket's history. */
export interface PendingEvent {
  event: TicketEvent;
  reason: string | null;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  actor: Actor;
}

/** An event written to another ticket's history without changing it (a linked duplicate). */
export interface Annotation {
  complaintId: string;
  status: TicketStatus;
  event: TicketEvent;
  actor: Actor;
}

export interface NewFollowUp {
  unitCode: string;
  note: string;
  evidence: string[];
  attachmentIds: string[];
  doneAt: Date;
  submittedBy: string;
}

export interface FollowUpDecision {
  decision: 'approve' | 'reject';
  decisionNote: string | null;
  decidedBy: string;
}

/** Whether one deadline was met, decided when its clock stopped or was found missed. */
export interface DecidedDeadline {
  unitCode: string;
  clock: string;
  dueAt: Date;
  decidedAt: Date;
  met: boolean;
}

/** The unit a re-route sends the ticket to, as reference data knows it. */
export interface DispositionTarget {
  code: string;
  name: string;
  type: string;
  regionCode: string | null;
}

/** Where routing found the ticket belongs (see routing's first placement). */
export interface Placement {
  kelurahanCode: string | null;
  locationMethod: Complaint['locationMethod'];
  locationDistanceMeters: number | null;
  locationAlternatives: string[];
  /** The unit the ticket goes to at once (a geo-tagged JAKI complaint's kelurahan), if any. */
  assignTo: string | null;
  suggestedUnitCode: string | null;
  reviewReason: string | null;
  possibleDuplicates: Complaint['possibleDuplicates'];
}

const DAY_MS = 86_400_000;

/** Each step as an Indonesian official names it, for refusals. */
const ACTION_ID: Record<Action, string> = {
  receive: 'penerimaan pengaduan',
  assign: 'penugasan ke unit',
  route: 'perutean',
  place: 'penempatan',
  dispose: 'disposisi',
  'return-to-review': 'pengembalian ke Diskominfo',
  accept: 'penerimaan oleh unit',
  'follow-up': 'pengiriman tindak lanjut',
  approve: 'persetujuan tindak lanjut',
  'reject-follow-up': 'penolakan tindak lanjut',
  reject: 'penolakan pengaduan',
  reopen: 'pembukaan kembali',
  dispute: 'keberatan pelapor',
  rate: 'penilaian pelapor',
  escalate: 'eskalasi',
  'check-registry': 'pemeriksaan registri',
  'receive-application': 'penerimaan formulir permohonan',
  triage: 'triase',
  'open-emergency': 'pembukaan tiket penanganan darurat',
  'open-registration': 'pembukaan tiket pendaftaran kependudukan',
  'close-prelisted': 'penutupan setelah masuk prelist',
  'note-prelist-stage': 'pencatatan tahap prelist',
  note: 'catatan internal',
  recategorise: 'pengubahan kategori',
  prioritise: 'penetapan prioritas',
  'set-assignee': 'penunjukan petugas',
  attach: 'pelampiran berkas',
  'publish-evidence': 'publikasi foto bukti',
  'withdraw-evidence': 'penarikan publikasi foto bukti',
};

/**
 * The ticket: every change of its state is one of these methods. Each checks the step against
 * the one table of transitions (transitions.ts), applies the deadline policy, and records typed
 * events; the ticket store then writes the changed columns, the events, their outbox rows and any
 * follow-up or decided deadline together, guarded by the version the ticket was read at.
 */
export class Ticket {
  private readonly changed: Partial<Complaint> = {};
  readonly events: PendingEvent[] = [];
  readonly annotations: Annotation[] = [];
  readonly deadlines: DecidedDeadline[] = [];
  followUp?: NewFollowUp;
  followUpDecision?: FollowUpDecision;

  private constructor(
    private readonly row: Complaint,
    /** A ticket not stored yet: the store inserts it. */
    readonly isNew: boolean,
  ) {}

  /** The ticket as stored, ready for steps. */
  static of(row: Complaint): Ticket {
    return new Ticket(row, false);
  }

  /** The ticket as it stands after the steps taken on this object so far. */
  get state(): Complaint {
    return Object.assign(Object.create(Complaint.prototype) as Complaint, this.row, this.changed);
  }

  /** The version the steps apply to: the save fails if the stored ticket moved on since. */
  get version(): number {
    return this.row.version;
  }

  /** The columns the steps changed. */
  get patch(): Readonly<Partial<Complaint>> {
    return this.changed;
  }

  get hasChanges(): boolean {
    return this.events.length > 0 || Object.keys(this.changed).length > 0;
  }

  // ——— Intake ———

  /**
   * A complaint received on a channel (intake): waiting for Diskominfo's review, or — when the
   * operator named a unit — at that unit at once. `row` holds the columns intake decided.
   */
  static receive(row: Complaint, assignTo: string | null, actor: Actor): Ticket {
    const ticket = new Ticket(
      Object.assign(row, { status: 'menunggu', assignedUnitCode: null, version: 1 }),
      true,
    );
    ticket.begin('receive', actor);
    ticket.record({ type: 'received', data: { channel: row.channelCode } }, null, null, actor);
    if (assignTo) {
      const from = ticket.begin('assign', actor);
      ticket.apply({ status: 'disposisi', assignedUnitCode: assignTo });
      ticket.record({ type: 'assigned', data: { toUnit: assignTo } }, null, from, actor);
    }
    return ticket;
  }

  /**
   * An emergency's own ticket, opened at triage for immediate handling by `unit` (flow 4, step
   * 6), with the reporter's complaint as its parent.
   */
  static openEmergency(row: Complaint, unit: string, reason: string, ctx: StepContext): Ticket {
    const ticket = new Ticket(
      Object.assign(row, {
        status: 'disposisi',
        assignedUnitCode: unit,
        assignedAt: ctx.now,
        emergency: true,
        routedAt: ctx.now,
        version: 1,
      }),
      true,
    );
    ticket.begin('open-emergency', ctx.actor);
    ticket.apply(ctx.sla.clocksAfter(ticket.state, null, ctx.now));
    ticket.record(
      { type: 'emergency-opened', data: { parent: row.parentId!, toUnit: unit } },
      reason,
      null,
      ctx.actor,
    );
    return ticket;
  }

  /**
   * The registration of household members without a NIK, opened at triage for Disdukcapil
   * (75/2023 §2.4.2.2: its population service is a precondition for aid), with the reporter's
   * complaint as its parent. Not an emergency: the unit's ordinary clocks run.
   */
  static openRegistration(
    row: Complaint,
    unit: string,
    members: number,
    reason: string,
    ctx: StepContext,
  ): Ticket {
    const ticket = new Ticket(
      Object.assign(row, {
        status: 'disposisi',
        assignedUnitCode: unit,
        assignedAt: ctx.now,
        routedAt: ctx.now,
        version: 1,
      }),
      true,
    );
    ticket.begin('open-registration', ctx.actor);
    ticket.apply(ctx.sla.clocksAfter(ticket.state, null, ctx.now));
    ticket.record(
      { type: 'registration-opened', data: { parent: row.parentId!, toUnit: unit, members } },
      reason,
      null,
      ctx.actor,
    );
    return ticket;
  }

  // ——— Routing ———

  /**
   * Routing's first placement: the kelurahan, the unit for a geo-tagged JAKI complaint, or the
   * suggestion and reason for Diskominfo's review, and possible duplicates. Once only.
   */
  place(placement: Placement, ctx: StepContext): void {
    const before = this.state;
    if (before.routedAt) {
      throw TicketErrors.invalidTransition(
        bilingual('Tiket ini sudah pernah ditempatkan', 'The ticket has been placed already'),
      );
    }
    const routes = placement.assignTo !== null && before.status === 'menunggu';
    const from = this.begin(routes ? 'route' : 'place', ctx.actor);
    this.apply({
      kelurahanCode: placement.kelurahanCode,
      locationMethod: placement.locationMethod,
      locationDistanceMeters: placement.locationDistanceMeters,
      locationAlternatives: placement.locationAlternatives,
      possibleDuplicates: placement.possibleDuplicates,
      routedAt: ctx.now,
      ...(routes ? { status: 'disposisi', assignedUnitCode: placement.assignTo } : {}),
      ...(before.status === 'menunggu' && !routes
        ? { suggestedUnitCode: placement.suggestedUnitCode, reviewReason: placement.reviewReason }
        : {}),
    });
    const after = this.state;
    if (after.status === 'disposisi' && !after.assignedAt) this.apply({ assignedAt: ctx.now });
    // A person who acted before routing ran (version > 1) has already started the clocks.
    if (before.version === 1) this.apply(ctx.sla.clocksAfter(this.state, from, ctx.now));
    const placed = {
      kelurahan: after.kelurahanCode,
      method: after.locationMethod,
      suggestedUnit: after.suggestedUnitCode,
      possibleDuplicates: after.possibleDuplicates.map((entry) => entry.trackingNumber),
    };
    if (routes) {
      this.record(
        { type: 'routed', data: { ...placed, toUnit: placement.assignTo! } },
        null,
        from,
        ctx.actor,
      );
    } else if (after.status === 'menunggu') {
      this.record({ type: 'held-for-review', data: placed }, after.reviewReason, from, ctx.actor);
    } else {
      this.record({ type: 'located', data: placed }, null, from, ctx.actor);
    }
  }

  // ——— Handling ———

  /**
   * A re-route to another unit, by Diskominfo or by the holding unit. A unit's third re-route in
   * a row returns the ticket to Diskominfo's review instead; the ticket's kelurahan follows a
   * kelurahan office it is sent to. Returns warnings the caller should see.
   */
  dispose(
    target: DispositionTarget,
    reasonCode: string | null,
    note: string | null,
    pointIn: { code: string; name: string } | null,
    ctx: StepContext,
  ): string[] {
    const before = this.state;
    const from = this.begin('dispose', ctx.actor);
    if (target.code === before.assignedUnitCode) {
      throw TicketErrors.conflict(
        'SAME_UNIT',
        bilingual(
          `Tiket ini sudah berada di ${target.code}; pilih unit lain untuk disposisi`,
          `The ticket is already with ${target.code}`,
        ),
      );
    }
    if (before.channelCode === RESTRICTED_CHANNEL && target.code !== INSPEKTORAT_UNIT) {
      throw TicketErrors.conflict(
        'RESTRICTED_TICKET',
        bilingual(
          'Pengaduan tentang aparatur tetap ditangani Inspektorat dan tidak dapat didisposisikan ke unit lain',
          'Complaints about officials stay with the Inspektorat and cannot be re-routed',
        ),
      );
    }
    const hop = { fromUnit: before.assignedUnitCode, reasonCode, note };
    const bounces = ctx.actor.kind === 'holder' ? before.bounceCount + 1 : 0;
    if (bounces >= MAX_BOUNCES) {
      // Units keep handing it on: a person at Diskominfo decides instead.
      this.begin('return-to-review', ctx.actor);
      this.apply({
        status: 'menunggu',
        assignedUnitCode: null,
        assignedAt: null,
        bounceCount: bounces,
        flagged: true,
        assigneeSub: null,
        assigneeName: null,
        reviewReason: `Re-routed ${bounces} times by units; the last asked for ${target.code} (${reasonCode ?? note})`,
      });
      this.restartClocks(before, ctx);
      this.record(
        {
          type: 'returned-to-review',
          data: { ...hop, toUnit: null, requestedUnit: target.code, bounces },
        },
        note ?? reasonCode,
        from,
        ctx.actor,
      );
      return [`Re-routed ${bounces} times: returned to Diskominfo's review queue`];
    }

    const warnings: string[] = [];
    this.apply({
      status: 'disposisi',
      assignedUnitCode: target.code,
      assignedAt: ctx.now,
      bounceCount: bounces,
      flagged: false,
      reviewReason: null,
      // The staff member was the old unit's: the new one names its own.
      assigneeSub: null,
      assigneeName: null,
    });
    if (target.type === 'kelurahan' && target.regionCode) {
      // The ticket's kelurahan follows the unit that handles it; a point elsewhere is flagged.
      this.apply({ kelurahanCode: target.regionCode });
      if (pointIn && pointIn.code !== target.regionCode) {
        warnings.push(
          `The ticket's point lies in kelurahan ${pointIn.name} (${pointIn.code}), not in ${target.name}`,
        );
      }
    }
    this.restartClocks(before, ctx);
    this.record(
      { type: 'disposition', data: { ...hop, toUnit: target.code, warnings } },
      note ?? reasonCode,
      from,
      ctx.actor,
    );
    return warnings;
  }

  /** The holding unit starts handling. */
  accept(ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('accept', ctx.actor);
    this.apply({ status: 'proses', firstResponseAt: before.firstResponseAt ?? ctx.now });
    this.restartClocks(before, ctx);
    this.record(
      { type: 'accepted', data: { unit: before.assignedUnitCode } },
      null,
      from,
      ctx.actor,
    );
  }

  /** The holding unit reports what it did (tindak lanjut); Diskominfo validates it next. */
  submitFollowUp(
    input: { note: string; evidence: string[]; attachmentIds?: string[]; doneAt: Date | null },
    ctx: StepContext,
  ): void {
    const before = this.state;
    const from = this.begin('follow-up', ctx.actor);
    this.apply({ status: 'menunggu_validasi' });
    this.restartClocks(before, ctx);
    this.followUp = {
      unitCode: before.assignedUnitCode!,
      note: input.note,
      evidence: input.evidence,
      attachmentIds: input.attachmentIds ?? [],
      doneAt: input.doneAt ?? ctx.now,
      submittedBy: ctx.actor.sub,
    };
    this.record(
      { type: 'follow-up', data: { note: input.note, evidence: input.evidence } },
      null,
      from,
      ctx.actor,
    );
  }

  /**
   * Diskominfo's decision on the follow-up: closed, or back to the unit with what it must still
   * do. A not-in-database complaint is not approved by hand while `waitingFor` names what it
   * waits for (it closes by itself, see closeWhenPrelisted).
   */
  validate(
    decision: 'approve' | 'reject',
    note: string | null,
    waitingFor: Bilingual | null,
    ctx: StepContext,
  ): void {
    const before = this.state;
    const from = this.begin(decision === 'approve' ? 'approve' : 'reject-follow-up', ctx.actor);
    if (decision === 'approve' && waitingFor) {
      throw TicketErrors.conflict(
        'WAITING_FOR_PRELIST',
        bilingual(
          `Pengaduan ini akan selesai dengan sendirinya setelah ${waitingFor.id}; tidak perlu disetujui manual`,
          `This complaint closes by itself once ${waitingFor.en}`,
        ),
      );
    }
    this.apply(
      decision === 'approve' ? { status: 'selesai', closedAt: ctx.now } : { status: 'tl_ditolak' },
    );
    this.restartClocks(before, ctx);
    this.followUpDecision = { decision, decisionNote: note, decidedBy: ctx.actor.sub };
    this.record(
      decision === 'approve'
        ? { type: 'approved', data: { decision } }
        : { type: 'follow-up-rejected', data: { decision } },
      note,
      from,
      ctx.actor,
    );
  }

  /**
   * Diskominfo closes an invalid complaint (spam, out of scope, a duplicate of `original`). The
   * original learns of its duplicate in its history — unless the duplicate is an Inspektorat
   * complaint, which must not show in a ticket that others (its kelurahan) can read.
   */
  reject(
    reason: string,
    duplicate: {
      id: string;
      original: Pick<Complaint, 'id' | 'status' | 'channelCode'> | null;
    } | null,
    ctx: StepContext,
  ): void {
    const before = this.state;
    const from = this.begin('reject', ctx.actor);
    const original = duplicate?.original ?? null;
    if (
      duplicate &&
      (!original || original.id === before.id || original.channelCode === RESTRICTED_CHANNEL)
    ) {
      throw TicketErrors.invalid(
        'duplicateOf',
        bilingual('bukan tiket lain', 'is not another ticket'),
        bilingual(
          'duplicateOf: tidak ada tiket lain dengan id itu; isi dengan id tiket asli yang diduplikasi',
          'duplicateOf: no other ticket with that id',
        ),
      );
    }
    this.apply({ status: 'ditolak', closedAt: ctx.now, duplicateOf: original?.id ?? null });
    this.restartClocks(before, ctx);
    this.record(
      { type: 'rejected', data: { duplicateOf: original?.id ?? null } },
      reason,
      from,
      ctx.actor,
    );
    if (original && before.channelCode !== RESTRICTED_CHANNEL) {
      this.annotations.push({
        complaintId: original.id,
        status: original.status,
        event: {
          type: 'duplicate-linked',
          data: { duplicate: before.id, trackingNumber: before.trackingNumber },
        },
        actor: ctx.actor,
      });
    }
  }

  /** Diskominfo reopens a closed ticket the reporter disputes, within REOPEN_WINDOW_DAYS. */
  reopen(reason: string, ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('reopen', ctx.actor);
    const closedAt = before.closedAt ?? before.updatedAt;
    if (ctx.now.getTime() - closedAt.getTime() > REOPEN_WINDOW_DAYS * DAY_MS) {
      throw TicketErrors.conflict(
        'REOPEN_WINDOW_PASSED',
        bilingual(
          `Tiket hanya dapat dibuka kembali dalam ${REOPEN_WINDOW_DAYS} hari sejak ditutup; tiket ini ditutup pada ${closedAt.toISOString()}. Catat keberatan pelapor sebagai pengaduan baru`,
          `A ticket can be reopened within ${REOPEN_WINDOW_DAYS} days of closing; this one closed on ${closedAt.toISOString()}`,
        ),
      );
    }
    this.apply({ status: 'proses', closedAt: null });
    this.restartClocks(before, ctx);
    this.record(
      { type: 'reopened', data: { toUnit: before.assignedUnitCode } },
      reason,
      from,
      ctx.actor,
    );
  }

  // ——— The reporter answers (through the link in their notices) ———

  /**
   * The reporter disputes the closing within DISPUTE_WINDOW_WORKING_DAYS: the ticket goes back to
   * the unit that closed it as a rejected follow-up (`tl_ditolak`), with the reporter's reason,
   * and that unit is told. Once per ticket: a second dispute is a new complaint.
   */
  dispute(reason: string, ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('dispute', ctx.actor, () => {
      if (before.disputedAt) {
        throw TicketErrors.conflict(
          'ALREADY_DISPUTED',
          bilingual(
            `Keberatan atas pengaduan ini sudah diajukan pada ${before.disputedAt.toISOString()}; keberatan hanya sekali. Sampaikan pengaduan baru bila masalahnya belum selesai`,
            `This complaint was already disputed on ${before.disputedAt.toISOString()}; a dispute is allowed once. Submit a new complaint if the problem remains`,
          ),
        );
      }
    });
    const closedAt = before.closedAt ?? before.updatedAt;
    const until = ctx.sla.workingDaysAfter(closedAt, DISPUTE_WINDOW_WORKING_DAYS);
    if (ctx.now > until) {
      throw TicketErrors.conflict(
        'DISPUTE_WINDOW_PASSED',
        bilingual(
          `Keberatan hanya dapat diajukan dalam ${DISPUTE_WINDOW_WORKING_DAYS} hari kerja sejak pengaduan selesai (sampai ${until.toISOString()}); sampaikan pengaduan baru bila masalahnya belum selesai`,
          `A dispute is possible within ${DISPUTE_WINDOW_WORKING_DAYS} working days of closing (until ${until.toISOString()}); submit a new complaint if the problem remains`,
        ),
      );
    }
    const unit = before.assignedUnitCode;
    if (!unit) {
      // Closed without a unit's follow-up (a household placed on the prelist): nobody to send
      // it back to; the prelist's own Musyawarah is where the household's case is heard.
      throw TicketErrors.conflict(
        'NOTHING_TO_DISPUTE',
        bilingual(
          'Pengaduan ini selesai tanpa tindak lanjut unit (rumah tangga masuk prelist); keberatan disampaikan melalui Musyawarah Kelurahan',
          'This complaint closed without a unit’s follow-up (the household is on the prelist); objections are heard at the Musyawarah Kelurahan',
        ),
      );
    }
    this.apply({ status: 'tl_ditolak', closedAt: null, disputedAt: ctx.now });
    this.restartClocks(before, ctx);
    this.record({ type: 'disputed', data: { toUnit: unit } }, reason, from, ctx.actor);
  }

  /** The reporter rates the handling once it is over (1–5, with an optional comment), once. */
  rate(score: number, comment: string | null, ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('rate', ctx.actor, () => {
      if (before.ratedAt) {
        throw TicketErrors.conflict(
          'ALREADY_RATED',
          bilingual(
            `Penanganan pengaduan ini sudah dinilai pada ${before.ratedAt.toISOString()}; penilaian hanya sekali`,
            `The handling of this complaint was already rated on ${before.ratedAt.toISOString()}; a rating is given once`,
          ),
        );
      }
    });
    this.apply({ rating: score, ratingComment: comment, ratedAt: ctx.now });
    this.record({ type: 'rated', data: { score } }, comment, from, ctx.actor);
  }

  // ——— The desk ———

  /** An internal note: staff read it in the ticket's `notes`; never public, never in a notice. */
  addNote(text: string, ctx: StepContext): void {
    const from = this.begin('note', ctx.actor);
    this.record({ type: 'note', data: {} }, text, from, ctx.actor);
  }

  /**
   * Diskominfo files the ticket under another category (a programme of the same agency, or
   * another agency's): the new category's owner (its Suku Dinas for the ticket's kota, where the
   * category routes there) becomes the suggested unit. Returns a warning
   * when the ticket is with a unit other than that owner (a re-route is a separate step).
   */
  recategorise(
    category: { code: string; owner: string },
    reason: string,
    ctx: StepContext,
  ): string[] {
    const before = this.state;
    const from = this.begin('recategorise', ctx.actor, () => {
      if (before.categoryCode === category.code) {
        throw TicketErrors.conflict(
          'SAME_CATEGORY',
          bilingual(
            `Tiket ini sudah berkategori ${category.code}; pilih kategori lain`,
            `The ticket is already in category ${category.code}`,
          ),
        );
      }
    });
    this.apply({ categoryCode: category.code, suggestedUnitCode: category.owner });
    this.record(
      {
        type: 'recategorised',
        data: {
          fromCategory: before.categoryCode,
          toCategory: category.code,
          suggestedUnit: category.owner,
        },
      },
      reason,
      from,
      ctx.actor,
    );
    const holder = before.assignedUnitCode;
    return holder && holder !== category.owner
      ? [
          `The ticket is with ${holder}; category ${category.code} belongs to ${category.owner} — re-route it if that unit should handle it`,
        ]
      : [];
  }

  /** Diskominfo sets how urgent the ticket is; queues sorted by priority put it in its place. */
  prioritise(priority: TicketPriority, ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('prioritise', ctx.actor);
    if (before.priority === priority) return;
    this.apply({ priority });
    this.record(
      { type: 'prioritised', data: { from: before.priority, to: priority } },
      null,
      from,
      ctx.actor,
    );
  }

  /** The holding unit names the staff member who handles the ticket (null: nobody yet). */
  setAssignee(assignee: { sub: string; name: string } | null, ctx: StepContext): void {
    const before = this.state;
    const from = this.begin('set-assignee', ctx.actor);
    const sub = assignee?.sub ?? null;
    if (before.assigneeSub === sub && before.assigneeName === (assignee?.name ?? null)) return;
    this.apply({ assigneeSub: sub, assigneeName: assignee?.name ?? null });
    this.record(
      { type: 'assignee-set', data: { sub, name: assignee?.name ?? null } },
      null,
      from,
      ctx.actor,
    );
  }

  /** Photos or documents added to the ticket (stored already; the ids are recorded). */
  attach(kind: 'report' | 'evidence', attachments: string[], ctx: StepContext): void {
    const from = this.begin('attach', ctx.actor);
    this.record({ type: 'attached', data: { kind, attachments } }, null, from, ctx.actor);
  }

  /** A public copy of an evidence photo (blurred in `redactions` regions) was made. */
  publishEvidence(attachment: string, redactions: number, ctx: StepContext): void {
    const from = this.begin('publish-evidence', ctx.actor);
    this.record(
      { type: 'evidence-published', data: { attachment, redactions } },
      null,
      from,
      ctx.actor,
    );
  }

  /** The public copy of an evidence photo is taken down (the timeline no longer shows it). */
  withdrawEvidence(attachment: string, ctx: StepContext): void {
    const from = this.begin('withdraw-evidence', ctx.actor);
    this.record({ type: 'evidence-withdrawn', data: { attachment } }, null, from, ctx.actor);
  }

  // ——— Deadlines ———

  /**
   * A missed deadline: marked overdue and escalated one level (kelurahan → kecamatan → kota →
   * Diskominfo; an Inspektorat complaint stays with the Inspektorat). The level it reaches gets
   * the same time again; at the top the clock stops. The holder's miss counts once.
   * Returns false when the clock has not run out by `ctx.now` (nothing to do).
   */
  escalate(ctx: StepContext): boolean {
    const before = this.state;
    if (!before.dueAt || before.dueAt > ctx.now || isClosed(before.status)) return false;
    const from = this.begin('escalate', ctx.actor);
    const holder = clockHolder(before);
    const level = before.escalatedToUnitCode ?? holder;
    // Inspektorat complaints stay with the Inspektorat: nobody above it may see them.
    const target =
      before.channelCode === RESTRICTED_CHANNEL
        ? INSPEKTORAT_UNIT
        : ctx.sla.escalationTarget(level);
    const nextDueAt = target === level ? null : ctx.sla.again(before, ctx.now);
    this.apply({
      overdue: true,
      escalationLevel: before.escalationLevel + 1,
      escalatedToUnitCode: target,
      dueAt: nextDueAt,
    });
    if (!before.overdue) this.decideDeadline(before, ctx.now, false);
    this.record(
      {
        type: 'overdue',
        data: {
          clock: before.slaClock,
          dueAt: before.dueAt.toISOString(),
          holder,
          escalatedTo: target,
          level: before.escalationLevel + 1,
          nextDueAt: nextDueAt?.toISOString() ?? null,
        },
      },
      `Missed the ${before.slaClock ?? 'SLA'} deadline of ${before.dueAt.toISOString()}`,
      from,
      ctx.actor,
    );
    return true;
  }

  // ——— The poverty path ———

  /**
   * Diskominfo's registry check of the reporter (flow 4, step 2). Not registered: the reporter
   * is asked for an application form and the clock stands still until it arrives; registered:
   * a clock that stood still runs again, with its full time.
   */
  recordRegistryCheck(
    check: {
      result: string;
      /** Null for a reporter without a NIK: whatever the ticket holds stays */
      nikEncrypted: string | null;
      nikHash: string | null;
      maskedNik: string | null;
      p3keFamilyId: string | null;
      /** Read from the checked NIK, for a person reporting (the figures by sex and age). */
      reporterSex?: 'L' | 'P' | null;
      reporterAge?: number | null;
    },
    ctx: StepContext,
  ): void {
    const before = this.state;
    const from = this.begin('check-registry', ctx.actor);
    const waiting = check.result === 'not_registered';
    this.apply({ registryStatus: check.result, registryCheckedAt: ctx.now });
    if (check.nikEncrypted) {
      this.apply({ reporterNikEncrypted: check.nikEncrypted, reporterNikHash: check.nikHash });
    }
    if (this.state.reporterType === 'person' && check.reporterSex !== undefined) {
      this.apply({ reporterSex: check.reporterSex, reporterAge: check.reporterAge ?? null });
    }
    if (waiting) this.apply({ dueAt: null, clockPausedAt: ctx.now });
    else if (before.clockPausedAt) {
      this.apply({
        ...ctx.sla.clocksAfter(this.state, before.status, ctx.now),
        clockPausedAt: null,
      });
    }
    this.record(
      {
        type: 'registry-check',
        data: {
          result: check.result,
          nik: check.maskedNik,
          ...(check.nikEncrypted ? {} : { withoutNik: true }),
          p3keFamilyId: check.p3keFamilyId,
          clockPaused: waiting,
        },
      },
      waiting ? 'Not in the P3KE registry: application form requested' : null,
      from,
      ctx.actor,
    );
  }

  /** The reporter's application form has arrived: the clock runs again. */
  receiveApplication(
    summary: Extract<TicketEvent, { type: 'application' }>['data'],
    ctx: StepContext,
  ): void {
    const before = this.state;
    const from = this.begin('receive-application', ctx.actor, () => this.requireNotRegistered());
    this.apply({ ...ctx.sla.clocksAfter(before, before.status, ctx.now), clockPausedAt: null });
    this.record({ type: 'application', data: summary }, null, from, ctx.actor);
  }

  /**
   * Diskominfo's triage: the household onto the prelist and, for an emergency, a child ticket for
   * immediate handling — this complaint's own clock then stops: it waits for the prelist.
   */
  triage(
    outcome: Extract<TicketEvent, { type: 'triage' }>['data'],
    reason: string,
    ctx: StepContext,
  ): void {
    const from = this.begin('triage', ctx.actor, () => this.requireNotRegistered());
    if (outcome.emergency) this.apply({ dueAt: null, slaClock: null });
    this.record({ type: 'triage', data: outcome }, reason, from, ctx.actor);
  }

  /**
   * A not-in-database complaint closes by itself once its household is on the prelist and its
   * emergency handling, if any, is `selesai` (docs/registry.md).
   */
  closeWhenPrelisted(ctx: StepContext): void {
    const from = this.begin('close-prelisted', ctx.actor);
    this.apply({
      status: 'selesai',
      closedAt: ctx.now,
      dueAt: null,
      slaClock: null,
      overdue: false,
    });
    this.record(
      { type: 'closed', data: {} },
      'The household is on the prelist and its emergency handling and registration are done',
      from,
      ctx.actor,
    );
  }

  /** The household's prelist entry moved on: recorded, so that the reporter is told. */
  notePrelistStage(stage: PrelistStage, ctx: StepContext): void {
    const from = this.begin('note-prelist-stage', ctx.actor);
    this.record({ type: 'prelist-stage', data: { stage } }, null, from, ctx.actor);
  }

  /**
   * Whether the step may be taken now, without taking it (for a use case that prepares other
   * records first): throws the step's refusal.
   */
  check(action: 'triage' | 'receive-application', actor: Actor): void {
    this.begin(action, actor, () => this.requireNotRegistered());
  }

  /** The steps after the registry check need its answer: not registered. */
  private requireNotRegistered(): void {
    const { registryStatus } = this.state;
    if (registryStatus !== 'not_registered') {
      throw TicketErrors.conflict(
        'NOT_AFTER_REGISTRY_CHECK',
        bilingual(
          `Langkah ini hanya setelah pemeriksaan registri menyatakan pelapor tidak terdaftar (status registri: ${registryStatus ?? 'belum diperiksa'}); lakukan pemeriksaan registri dulu`,
          `Only after a registry check found the reporter not registered (registry status: ${registryStatus ?? 'not checked'})`,
        ),
      );
    }
  }

  // ——— The mechanics ———

  /**
   * Checks a step against the table — who, then the step's own precondition, then from which
   * status; returns the status it starts from.
   */
  private begin(action: Action, actor: Actor, precondition?: () => void): TicketStatus {
    const status = this.state.status;
    const why = refusal(
      action,
      this.isNew && this.events.length === 0 ? 'new' : status,
      actor.kind,
    );
    if (why === 'actor') throw TicketErrors.notAllowed(this.whoMay(action));
    precondition?.();
    if (why === 'status') {
      const transition: Transition = TRANSITIONS[action];
      const allowed = transition.from === 'new' ? 'a new ticket' : transition.from.join(', ');
      const dari = transition.from === 'new' ? 'tiket baru' : `status ${allowed}`;
      throw TicketErrors.invalidTransition(
        bilingual(
          `Langkah ${ACTION_ID[action]} (${action}) tidak dapat dilakukan pada tiket berstatus ${status}; langkah ini hanya dari ${dari}. Muat ulang tiket untuk melihat statusnya sekarang`,
          `Cannot ${action} a ticket in status ${status} (allowed from ${allowed})`,
        ),
      );
    }
    return status;
  }

  private whoMay(action: Action): Bilingual {
    const { channelCode, assignedUnitCode } = this.state;
    const names: Record<ActorKind, string> = {
      reviewer: channelCode === RESTRICTED_CHANNEL ? 'an admin' : 'Diskominfo',
      holder: assignedUnitCode
        ? `the unit holding the ticket (${assignedUnitCode})`
        : 'the unit holding the ticket',
      submitter: 'whoever entered it',
      system: 'the service itself',
      bystander: 'other staff who may read it',
      reporter: 'the reporter, through their link',
    };
    const nama: Record<ActorKind, string> = {
      reviewer: channelCode === RESTRICTED_CHANNEL ? 'admin' : 'Diskominfo',
      holder: assignedUnitCode
        ? `unit yang memegang tiket (${assignedUnitCode})`
        : 'unit yang memegang tiket',
      submitter: 'pencatat pengaduan ini',
      system: 'layanan ini sendiri',
      bystander: 'staf lain yang boleh membacanya',
      reporter: 'pelapor, melalui tautannya',
    };
    const by: readonly ActorKind[] = TRANSITIONS[action].by;
    return bilingual(
      `Hanya ${by.map((actor) => nama[actor]).join(' atau ')} yang boleh melakukan langkah ${ACTION_ID[action]} (${action}) pada tiket ini`,
      `Only ${by.map((actor) => names[actor]).join(' or ')} may ${action} this ticket`,
    );
  }

  private apply(patch: Partial<Complaint>): void {
    Object.assign(this.changed, patch);
  }

  private record(
    event: TicketEvent,
    reason: string | null,
    fromStatus: TicketStatus | null,
    actor: Actor,
  ): void {
    this.events.push({ event, reason, fromStatus, toStatus: this.state.status, actor });
  }

  /**
   * After a person's step: the clocks of the new status start, a missed-deadline mark clears, and
   * a clock the step stopped is scored (met or not) for the unit it bound.
   */
  private restartClocks(before: Complaint, ctx: StepContext): void {
    const clocks = ctx.sla.clocksAfter(this.state, before.status, ctx.now);
    this.apply({ ...clocks, overdue: false });
    const stops =
      before.slaClock !== clocks.slaClock || before.dueAt?.getTime() !== clocks.dueAt?.getTime();
    // A clock already found missed was scored then; a paused clock binds nobody.
    if (stops && before.dueAt && !before.overdue && !before.clockPausedAt) {
      this.decideDeadline(before, ctx.now, ctx.now <= before.dueAt);
    }
  }

  private decideDeadline(before: Complaint, at: Date, met: boolean): void {
    const unitCode = clockHolder(before);
    if (!unitCode || !before.slaClock || !before.dueAt) return;
    this.deadlines.push({
      unitCode,
      clock: before.slaClock,
      dueAt: before.dueAt,
      decidedAt: at,
      met,
    });
  }
}

/**
 * Whom the running clock binds: the reviewer while the ticket waits for review, else the holder.
 * Diskominfo reviews, except Inspektorat complaints, which it may not even read: those stay the
 * Inspektorat's (an admin acts as their reviewer).
 */
export function clockHolder(
  ticket: Pick<Complaint, 'status' | 'channelCode' | 'assignedUnitCode'>,
): string | null {
  const reviewing = ticket.status === 'menunggu' || ticket.status === 'menunggu_validasi';
  if (!reviewing) return ticket.assignedUnitCode;
  return ticket.channelCode === RESTRICTED_CHANNEL ? INSPEKTORAT_UNIT : 'diskominfo';
}
