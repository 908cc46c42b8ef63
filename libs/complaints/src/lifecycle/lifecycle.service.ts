import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiError, Principal } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { OutboxSignal } from '../messaging/outbox-signal';
import { NOTIFICATIONS_QUEUE, SLA_QUEUE } from '../messaging/queues';
import { Notification } from '../notifications/notification.entity';
import { ComplaintAccess, RESTRICTED_CHANNEL } from '../read/complaint-access';
import { SlaPolicy } from '../sla/sla-policy';
import { recordClockStopped } from '../sla/sla-outcomes';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';
import { ComplaintStatus } from '../tickets/complaint-status';
import type { JsonObject } from '../tickets/json';
import { closeParentIfReady, parentNotReady } from '../not-in-database/parent-closing';
import { FollowUp } from './follow-up.entity';
import { DispositionDto, FollowUpDto, RejectDto, ReopenDto, ValidationDto } from './lifecycle.dto';
import { Action, Actor, MAX_BOUNCES, REOPEN_WINDOW_DAYS, TRANSITIONS } from './transitions';

export type ActionInput =
  | { action: 'dispose'; body: DispositionDto }
  | { action: 'accept' }
  | { action: 'follow-up'; body: FollowUpDto }
  | { action: 'validate'; body: ValidationDto }
  | { action: 'reject'; body: RejectDto }
  | { action: 'reopen'; body: ReopenDto };

export interface ActionContext {
  principal: Principal;
  /** The version the client last saw (`If-Match`), when it sent one. */
  expectedVersion: number | null;
  requestId: string | null;
}

export interface ActionOutcome {
  complaint: Complaint;
  /** Things the caller should know that did not stop the action. */
  warnings: string[];
}

/** What one accepted action changes: the ticket's fields, its history event, side rows. */
interface Step {
  patch: Partial<Complaint>;
  event: { type: string; reason: string | null; data: JsonObject };
  followUp?: Partial<FollowUp>;
  decideFollowUp?: Pick<FollowUp, 'decision' | 'decisionNote'>;
  notifyUnit?: string;
  linkDuplicateOf?: string;
  warnings: string[];
}

const DAY_MS = 86_400_000;

const conflict = (code: string, message: string) =>
  new ApiError(HttpStatus.CONFLICT, code, message);

/**
 * Moves tickets through Jakarta's CRM statuses (transitions.ts is the one table of what is
 * allowed). Every action checks who may take it, applies to the version the caller saw, and
 * writes the ticket, its history event, its follow-up record, its notification and its next SLA
 * check in one transaction; a concurrent change makes exactly one of two writers win (409 for the
 * other, nothing half-written).
 */
@Injectable()
export class LifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ComplaintAccess,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
    private readonly sla: SlaPolicy,
    private readonly outbox: OutboxSignal,
  ) {}

  async act(id: string, input: ActionInput, context: ActionContext): Promise<ActionOutcome> {
    const { principal } = context;
    const ticket = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!ticket || !(await this.access.canRead(ticket, principal))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'COMPLAINT_NOT_FOUND', 'No such complaint');
    }
    const action = this.transitionOf(input);
    const transition = TRANSITIONS[action];
    const actor = this.actorOf(ticket, principal);
    if (!actor || !transition.by.includes(actor)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'ACTION_NOT_ALLOWED', this.whoMay(action, ticket));
    }
    if (!transition.from.includes(ticket.status)) {
      throw conflict(
        'INVALID_TRANSITION',
        `Cannot ${action} a ticket in status ${ticket.status} (allowed from ${transition.from.join(', ')})`,
      );
    }
    if (context.expectedVersion !== null && context.expectedVersion !== ticket.version) {
      throw conflict(
        'VERSION_CONFLICT',
        `The ticket changed since version ${context.expectedVersion}; it is at version ${ticket.version}`,
      );
    }

    const now = new Date();
    const step = await this.plan(ticket, input, actor, principal, now);
    const after = { ...ticket, ...step.patch } as Complaint;
    const clocks = await this.sla.clocksAfter(after, ticket.status, now);
    const patch: Partial<Complaint> = { ...step.patch, ...clocks, overdue: false };

    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(Complaint, { id, version: ticket.version }, patch);
      if (!affected) {
        throw conflict(
          'VERSION_CONFLICT',
          'Someone else changed the ticket at the same moment; reload it and try again',
        );
      }
      const event = await manager.save(
        manager.create(ComplaintEvent, {
          complaintId: id,
          type: step.event.type,
          actorSub: principal.sub,
          actorRole: principal.role,
          actorUnit: principal.unit ?? null,
          fromStatus: ticket.status,
          toStatus: patch.status ?? ticket.status,
          reason: step.event.reason,
          data: step.event.data,
          requestId: context.requestId,
        }),
      );
      const clockStops =
        ticket.slaClock !== clocks.slaClock || ticket.dueAt?.getTime() !== clocks.dueAt?.getTime();
      if (clockStops) await recordClockStopped(manager, ticket, now);
      await this.sideEffects(manager, ticket, step, event, ticket.version + 1, clocks.dueAt);
      // An emergency handled: its not-in-database complaint may now close by itself.
      if (ticket.parentId && patch.status === 'selesai') {
        await closeParentIfReady(manager, ticket.parentId);
      }
    });
    this.outbox.wake(SLA_QUEUE);
    if (step.notifyUnit) this.outbox.wake(NOTIFICATIONS_QUEUE);
    return {
      complaint: await this.dataSource.manager.findOneByOrFail(Complaint, { id }),
      warnings: step.warnings,
    };
  }

  private transitionOf(input: ActionInput): Action {
    if (input.action === 'validate') {
      return input.body.decision === 'approve' ? 'approve' : 'reject-follow-up';
    }
    return input.action;
  }

  /** Diskominfo reviews (an admin for Inspektorat complaints); the holding unit handles. */
  private actorOf(ticket: Complaint, principal: Principal): Actor | null {
    const restricted = ticket.channelCode === RESTRICTED_CHANNEL;
    if (principal.role === (restricted ? 'admin' : 'diskominfo')) return 'reviewer';
    if (principal.role === 'unit' && principal.unit === ticket.assignedUnitCode) return 'holder';
    return null;
  }

  private whoMay(action: Action, ticket: Complaint): string {
    const reviewer = ticket.channelCode === RESTRICTED_CHANNEL ? 'an admin' : 'Diskominfo';
    const by = TRANSITIONS[action].by;
    const holder = ticket.assignedUnitCode
      ? `the unit holding the ticket (${ticket.assignedUnitCode})`
      : 'the unit holding the ticket';
    const who = by.map((actor) => (actor === 'reviewer' ? reviewer : holder)).join(' or ');
    return `Only ${who} may ${action} this ticket`;
  }

  private async plan(
    ticket: Complaint,
    input: ActionInput,
    actor: Actor,
    principal: Principal,
    now: Date,
  ): Promise<Step> {
    switch (input.action) {
      case 'dispose':
        return this.planDisposition(ticket, input.body, actor);
      case 'accept':
        return {
          patch: { status: 'proses', firstResponseAt: ticket.firstResponseAt ?? now },
          event: { type: 'accepted', reason: null, data: { unit: ticket.assignedUnitCode } },
          warnings: [],
        };
      case 'follow-up': {
        const doneAt = input.body.doneAt ? new Date(input.body.doneAt) : now;
        return {
          patch: { status: 'menunggu_validasi' },
          event: {
            type: 'follow-up',
            reason: null,
            data: { note: input.body.note, evidence: input.body.evidence ?? [] },
          },
          followUp: {
            complaintId: ticket.id,
            unitCode: ticket.assignedUnitCode!,
            note: input.body.note,
            evidence: input.body.evidence ?? [],
            doneAt,
            submittedBy: principal.sub,
          },
          warnings: [],
        };
      }
      case 'validate': {
        const approve = input.body.decision === 'approve';
        if (approve && ticket.registryStatus === 'not_registered') {
          const waiting = await parentNotReady(this.dataSource.manager, ticket.id);
          if (waiting) {
            throw conflict(
              'WAITING_FOR_PRELIST',
              `This complaint closes by itself once ${waiting}`,
            );
          }
        }
        const note = input.body.note ?? null;
        return {
          patch: approve ? { status: 'selesai', closedAt: now } : { status: 'tl_ditolak' },
          event: {
            type: approve ? 'approved' : 'follow-up-rejected',
            reason: note,
            data: { decision: input.body.decision },
          },
          decideFollowUp: { decision: input.body.decision, decisionNote: note },
          warnings: [],
        };
      }
      case 'reject': {
        const duplicateOf = input.body.duplicateOf ?? null;
        const original = duplicateOf ? await this.duplicateTarget(ticket, duplicateOf) : null;
        return {
          patch: { status: 'ditolak', closedAt: now, duplicateOf },
          event: { type: 'rejected', reason: input.body.reason, data: { duplicateOf } },
          // The original learns of its duplicate — unless the duplicate is an Inspektorat
          // complaint, which must not show in a ticket that others (its kelurahan) can read.
          linkDuplicateOf:
            ticket.channelCode === RESTRICTED_CHANNEL ? undefined : (original?.id ?? undefined),
          warnings: [],
        };
      }
      case 'reopen': {
        const closedAt = ticket.closedAt ?? ticket.updatedAt;
        if (now.getTime() - closedAt.getTime() > REOPEN_WINDOW_DAYS * DAY_MS) {
          throw conflict(
            'REOPEN_WINDOW_PASSED',
            `A ticket can be reopened within ${REOPEN_WINDOW_DAYS} days of closing; this one closed on ${closedAt.toISOString()}`,
          );
        }
        return {
          patch: { status: 'proses', closedAt: null },
          event: {
            type: 'reopened',
            reason: input.body.reason,
            data: { toUnit: ticket.assignedUnitCode },
          },
          notifyUnit: ticket.assignedUnitCode ?? undefined,
          warnings: [],
        };
      }
    }
  }

  private async planDisposition(
    ticket: Complaint,
    body: DispositionDto,
    actor: Actor,
  ): Promise<Step> {
    const target = await this.reference.unit(body.toUnit);
    if (!target || !target.active) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        `toUnit: no active unit ${body.toUnit}`,
        [{ field: 'toUnit', problem: 'is not an active unit' }],
      );
    }
    if (body.toUnit === ticket.assignedUnitCode) {
      throw conflict('SAME_UNIT', `The ticket is already with ${body.toUnit}`);
    }
    if (ticket.channelCode === RESTRICTED_CHANNEL && body.toUnit !== 'inspektorat') {
      throw conflict(
        'RESTRICTED_TICKET',
        'Complaints about officials stay with the Inspektorat and cannot be re-routed',
      );
    }
    const hop = {
      fromUnit: ticket.assignedUnitCode,
      toUnit: body.toUnit,
      reasonCode: body.reason,
      note: body.note ?? null,
    };
    const bounces = actor === 'holder' ? ticket.bounceCount + 1 : 0;
    if (bounces >= MAX_BOUNCES) {
      // Units keep handing it on: a person at Diskominfo decides instead.
      return {
        patch: {
          status: 'menunggu',
          assignedUnitCode: null,
          assignedAt: null,
          bounceCount: bounces,
          flagged: true,
          reviewReason: `Re-routed ${bounces} times by units; the last asked for ${body.toUnit} (${body.reason})`,
        },
        event: {
          type: 'returned-to-review',
          reason: body.note ?? body.reason,
          data: { ...hop, toUnit: null, requestedUnit: body.toUnit, bounces },
        },
        warnings: [`Re-routed ${bounces} times: returned to Diskominfo's review queue`],
      };
    }

    const warnings: string[] = [];
    const patch: Partial<Complaint> = {
      status: 'disposisi',
      assignedUnitCode: body.toUnit,
      assignedAt: new Date(),
      bounceCount: bounces,
      flagged: false,
      reviewReason: null,
    };
    if (target.type === 'kelurahan' && target.regionCode) {
      // The ticket's kelurahan follows the unit that handles it; a point elsewhere is flagged.
      patch.kelurahanCode = target.regionCode;
      if (ticket.lat !== null && ticket.lon !== null) {
        const placed = this.regions.locate(ticket.lat, ticket.lon);
        if (placed && placed.kelurahan.code !== target.regionCode) {
          warnings.push(
            `The ticket's point lies in kelurahan ${placed.kelurahan.name} (${placed.kelurahan.code}), not in ${target.name}`,
          );
        }
      }
    }
    return {
      patch,
      event: {
        type: 'disposition',
        reason: body.note ?? body.reason,
        data: { ...hop, warnings },
      },
      notifyUnit: body.toUnit,
      warnings,
    };
  }

  private async duplicateTarget(ticket: Complaint, duplicateOf: string): Promise<Complaint> {
    const original =
      duplicateOf === ticket.id
        ? null
        : await this.dataSource.manager.findOneBy(Complaint, { id: duplicateOf });
    if (!original || original.channelCode === RESTRICTED_CHANNEL) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'duplicateOf: no other ticket with that id',
        [{ field: 'duplicateOf', problem: 'is not another ticket' }],
      );
    }
    return original;
  }

  private async sideEffects(
    manager: EntityManager,
    ticket: Complaint,
    step: Step,
    event: ComplaintEvent,
    version: number,
    dueAt: Date | null,
  ): Promise<void> {
    if (step.followUp) await manager.insert(FollowUp, step.followUp);
    if (step.decideFollowUp) {
      await manager.query(
        `UPDATE follow_ups SET decision = $2, decision_note = $3, decided_by = $4, decided_at = now()
          WHERE id = (SELECT id FROM follow_ups WHERE complaint_id = $1 AND decision IS NULL
                       ORDER BY submitted_at DESC LIMIT 1)`,
        [ticket.id, step.decideFollowUp.decision, step.decideFollowUp.decisionNote, event.actorSub],
      );
    }
    if (step.linkDuplicateOf) {
      // The original learns of its duplicate in its own history.
      await manager.insert(ComplaintEvent, {
        complaintId: step.linkDuplicateOf,
        type: 'duplicate-linked',
        actorSub: event.actorSub,
        actorRole: event.actorRole,
        actorUnit: event.actorUnit,
        fromStatus: null,
        toStatus: (await manager.findOneByOrFail(Complaint, { id: step.linkDuplicateOf }))
          .status as ComplaintStatus,
        reason: null,
        data: { duplicate: ticket.id, trackingNumber: ticket.trackingNumber },
        requestId: event.requestId,
      });
    }
    if (step.notifyUnit) {
      await queueUnitNotice(manager, {
        complaint: ticket,
        eventId: event.id,
        unit: step.notifyUnit,
        kind: event.type === 'reopened' ? 'reopened' : 'assignment',
        message: `Pengaduan ${ticket.trackingNumber} ${
          event.type === 'reopened' ? 'dibuka kembali' : 'didisposisikan'
        } kepada unit Anda.`,
      });
    }
    if (dueAt) {
      await manager.query(
        `INSERT INTO outbox_messages (queue, job_name, job_id, payload, not_before)
         VALUES ($1, 'check', $2, $3, $4)`,
        [
          SLA_QUEUE,
          `sla:${ticket.id}:${version}`,
          JSON.stringify({ complaintId: ticket.id, version }),
          dueAt,
        ],
      );
    }
  }
}

/** A notice to a unit, written once per (event, unit), and its delivery job. */
export async function queueUnitNotice(
  manager: EntityManager,
  notice: { complaint: Complaint; eventId: string; unit: string; kind: string; message: string },
): Promise<void> {
  const rows: { id: string }[] = await manager
    .createQueryBuilder()
    .insert()
    .into(Notification)
    .values({
      complaintId: notice.complaint.id,
      kind: notice.kind,
      dedupeKey: `event:${notice.eventId}:${notice.unit}`,
      recipientUnitCode: notice.unit,
      message: notice.message,
    })
    .orIgnore()
    .returning(['id'])
    .execute()
    .then((result) => result.raw as { id: string }[]);
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO outbox_messages (queue, job_name, job_id, payload) VALUES ($1, 'deliver', $2, $3)`,
    [NOTIFICATIONS_QUEUE, `notify:${rows[0].id}`, JSON.stringify({ notificationId: rows[0].id })],
  );
}
