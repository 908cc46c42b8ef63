import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApiError, APP_CONFIG, AppConfig, PiiCipher, Principal } from '@crm/core';
import { parseNik } from '@crm/identity';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { ActionContext, queueUnitNotice } from '../lifecycle/lifecycle.service';
import { OutboxSignal } from '../messaging/outbox-signal';
import { NOTIFICATIONS_QUEUE, SLA_QUEUE } from '../messaging/queues';
import { ComplaintAccess } from '../read/complaint-access';
import { SlaPolicy } from '../sla/sla-policy';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';
import { newTrackingNumber } from '../tickets/tracking-number';
import { Application, ApplicationMember, TriageSuggestion } from './application.entity';
import { ApplicationDto, TriageDto } from './not-in-database.dto';
import { closeParentIfReady } from './parent-closing';

/** An emergency is handled within a day, whatever the unit (flow 4, step 6). */
const EMERGENCY_HOURS = 24;

const conflict = (code: string, message: string) =>
  new ApiError(HttpStatus.CONFLICT, code, message);
const invalid = (field: string, problem: string) =>
  new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `${field}: ${problem}`, [
    { field, problem },
  ]);

/**
 * Flow 4 after the registry check said `not_registered`: the reporter's application form with the
 * triage suggestion, then Diskominfo's triage decision — the household onto the prelist, and for
 * an emergency also a child ticket for immediate handling, in one transaction. The complaint then
 * closes by itself once its household is prelisted and its emergency handling is `selesai`.
 */
@Injectable()
export class NotInDatabaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: ComplaintAccess,
    private readonly pii: PiiCipher,
    private readonly regions: RegionDirectory,
    private readonly reference: ReferenceCache,
    private readonly sla: SlaPolicy,
    private readonly outbox: OutboxSignal,
  ) {}

  suggest(monthlyExpenditure: number, people: number, conditions: string[]): TriageSuggestion {
    const perCapitaExpenditure = Math.floor(monthlyExpenditure / people);
    const { extreme, dki } = this.config.povertyLines;
    return {
      emergency: conditions.length > 0,
      povertyLevel:
        perCapitaExpenditure <= extreme
          ? 'ekstrem'
          : perCapitaExpenditure <= dki
            ? 'miskin'
            : 'tidak_miskin',
      perCapitaExpenditure,
    };
  }

  async submitApplication(
    id: string,
    body: ApplicationDto,
    context: ActionContext,
  ): Promise<{ suggestion: TriageSuggestion }> {
    const ticket = await this.notRegisteredTicket(id, context, ['diskominfo', 'operator']);
    if (await this.prelistEntryOf(this.dataSource.manager, id)) {
      throw conflict(
        'ALREADY_TRIAGED',
        'The household is already on the prelist for this complaint',
      );
    }
    if (!this.regions.get(body.kelurahanCode)) {
      throw invalid('kelurahanCode', `${body.kelurahanCode} is not a kelurahan of DKI Jakarta`);
    }
    const members: ApplicationMember[] = body.members.map((member, index) => {
      const parsed = parseNik(member.nik);
      if (parsed.valid && parsed.parts.sex !== member.sex) {
        throw invalid(
          `members.${index}.sex`,
          `is ${member.sex} but the NIK is of a ${parsed.parts.sex === 'P' ? 'woman' : 'man'}`,
        );
      }
      if (parsed.valid && parsed.parts.birthDate !== member.birthDate) {
        throw invalid(
          `members.${index}.birthDate`,
          `is ${member.birthDate} but the NIK says ${parsed.parts.birthDate}`,
        );
      }
      return {
        nikEncrypted: this.pii.encrypt(member.nik),
        nikHash: this.pii.lookupHash(member.nik),
        name: member.name,
        relation: member.relation,
        sex: member.sex,
        birthDate: member.birthDate,
      };
    });
    const suggestion = this.suggest(body.monthlyExpenditure, members.length, body.conditions);
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await this.touch(manager, ticket, {
        // The form has arrived: the clock runs again.
        ...(await this.sla.clocksAfter(ticket, ticket.status, now)),
        clockPausedAt: null,
      });
      await manager.query(`DELETE FROM applications WHERE complaint_id = $1`, [id]);
      await manager.insert(Application, {
        complaintId: id,
        kkEncrypted: this.pii.encrypt(body.kk),
        kkHash: this.pii.lookupHash(body.kk),
        address: body.address,
        kelurahanCode: body.kelurahanCode,
        monthlyExpenditure: String(body.monthlyExpenditure),
        members,
        conditions: body.conditions,
        suggestion,
        submittedBy: context.principal.sub,
      });
      await this.event(manager, ticket, context, 'application', null, {
        suggestion: { ...suggestion },
        conditions: body.conditions,
        members: members.length,
      });
    });
    this.outbox.wake(SLA_QUEUE);
    return { suggestion };
  }

  async triage(
    id: string,
    body: TriageDto,
    context: ActionContext,
  ): Promise<{ prelistEntryId: string; childTicketId?: string }> {
    const ticket = await this.notRegisteredTicket(id, context, ['diskominfo']);
    const application = await this.dataSource.manager.findOneBy(Application, { complaintId: id });
    if (!application) {
      throw conflict('NO_APPLICATION', 'Triage needs the reporter’s application form first');
    }
    if (await this.prelistEntryOf(this.dataSource.manager, id)) {
      throw conflict(
        'ALREADY_TRIAGED',
        'The household is already on the prelist for this complaint',
      );
    }
    if (body.emergency) {
      const unit = body.handlingUnit ? await this.reference.unit(body.handlingUnit) : undefined;
      if (!unit || !unit.active) {
        throw invalid('handlingUnit', 'an emergency needs an active unit to handle it now');
      }
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.touch(manager, ticket, body.emergency ? { dueAt: null, slaClock: null } : {});
      const prelistEntryId = await this.prelist(
        manager,
        ticket,
        application,
        body.emergency,
        context.principal,
      );
      const childTicketId = body.emergency
        ? await this.emergencyChild(manager, ticket, application, body, context)
        : undefined;
      await this.event(manager, ticket, context, 'triage', body.reason, {
        emergency: body.emergency,
        prelistEntryId,
        childTicketId: childTicketId ?? null,
        handlingUnit: body.handlingUnit ?? null,
      });
      await closeParentIfReady(manager, ticket.id);
      return { prelistEntryId, ...(childTicketId ? { childTicketId } : {}) };
    });
    this.outbox.wake(SLA_QUEUE);
    this.outbox.wake(NOTIFICATIONS_QUEUE);
    return outcome;
  }

  private async notRegisteredTicket(
    id: string,
    context: ActionContext,
    roles: string[],
  ): Promise<Complaint> {
    const ticket = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!ticket || !(await this.access.canRead(ticket, context.principal))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'COMPLAINT_NOT_FOUND', 'No such complaint');
    }
    if (!roles.includes(context.principal.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACTION_NOT_ALLOWED',
        `Only ${roles.join(' or ')} may do this`,
      );
    }
    if (ticket.registryStatus !== 'not_registered') {
      throw conflict(
        'NOT_AFTER_REGISTRY_CHECK',
        `Only after a registry check found the reporter not registered (registry status: ${ticket.registryStatus ?? 'not checked'})`,
      );
    }
    if (ticket.status === 'selesai' || ticket.status === 'ditolak') {
      throw conflict('INVALID_TRANSITION', `The ticket is ${ticket.status}`);
    }
    if (context.expectedVersion !== null && context.expectedVersion !== ticket.version) {
      throw conflict(
        'VERSION_CONFLICT',
        `The ticket changed since version ${context.expectedVersion}; it is at version ${ticket.version}`,
      );
    }
    return ticket;
  }

  /** Moves the ticket's version on (so that a concurrent step loses), with any changes. */
  private async touch(
    manager: EntityManager,
    ticket: Complaint,
    patch: Partial<Complaint>,
  ): Promise<void> {
    const { affected } = await manager.update(
      Complaint,
      { id: ticket.id, version: ticket.version },
      {
        ...patch,
        version: ticket.version + 1,
      },
    );
    if (!affected) {
      throw conflict(
        'VERSION_CONFLICT',
        'Someone else changed the ticket at the same moment; reload it and try again',
      );
    }
  }

  private async event(
    manager: EntityManager,
    ticket: Complaint,
    context: ActionContext,
    type: string,
    reason: string | null,
    data: Record<string, unknown>,
  ): Promise<ComplaintEvent> {
    return manager.save(
      manager.create(ComplaintEvent, {
        complaintId: ticket.id,
        type,
        actorSub: context.principal.sub,
        actorRole: context.principal.role,
        actorUnit: context.principal.unit ?? null,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        reason,
        data: data as ComplaintEvent['data'],
        requestId: context.requestId,
      }),
    );
  }

  private async prelistEntryOf(
    manager: EntityManager,
    complaintId: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM prelist_entries WHERE $1 = ANY (complaint_ids) LIMIT 1`,
      [complaintId],
    );
    return rows[0]?.id ?? null;
  }

  /** One open entry per household: a second complaint about the same head links to it. */
  private async prelist(
    manager: EntityManager,
    ticket: Complaint,
    application: Application,
    emergency: boolean,
    principal: Principal,
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO prelist_entries
         (head_nik_hash, application_id, complaint_ids, kelurahan_code, emergency, created_by)
       VALUES ($1, $2, ARRAY[$3::uuid], $4, $5, $6)
       ON CONFLICT (head_nik_hash) WHERE status NOT IN ('tidak_layak', 'ditetapkan')
       DO UPDATE SET complaint_ids = array_append(prelist_entries.complaint_ids, $3::uuid),
                     emergency = prelist_entries.emergency OR EXCLUDED.emergency
       RETURNING id`,
      [
        application.members[0].nikHash,
        application.id,
        ticket.id,
        application.kelurahanCode,
        emergency,
        principal.sub,
      ],
    );
    return id;
  }

  private async emergencyChild(
    manager: EntityManager,
    parent: Complaint,
    application: Application,
    body: TriageDto,
    context: ActionContext,
  ): Promise<string> {
    const now = new Date();
    const dueAt = new Date(now.getTime() + EMERGENCY_HOURS * 3_600_000);
    const child = await manager.save(
      manager.create(Complaint, {
        trackingNumber: newTrackingNumber(),
        channelCode: parent.channelCode,
        externalId: null,
        idempotencyKey: null,
        requestHash: createHash('sha256').update(`emergency:${parent.id}`).digest('hex'),
        status: 'disposisi',
        categoryCode: parent.categoryCode,
        description: `Penanganan darurat untuk pengaduan ${parent.trackingNumber}: ${body.reason}`,
        reporterName: parent.reporterName,
        reporterEmail: parent.reporterEmail,
        reporterPhoneEncrypted: parent.reporterPhoneEncrypted,
        reporterPhoneHash: parent.reporterPhoneHash,
        reporterNikEncrypted: parent.reporterNikEncrypted,
        reporterNikHash: parent.reporterNikHash,
        lat: parent.lat,
        lon: parent.lon,
        address: application.address,
        kelurahanCode: application.kelurahanCode,
        locationMethod: 'kelurahan-code',
        assignedUnitCode: body.handlingUnit!,
        assignedAt: now,
        emergency: true,
        parentId: parent.id,
        slaClock: 'respond',
        dueAt,
        channelDetails: {},
        photos: [],
        reportedAt: now,
        routedAt: now,
        createdBy: context.principal.sub,
        createdByRole: context.principal.role,
      }),
    );
    const event = await manager.save(
      manager.create(ComplaintEvent, {
        complaintId: child.id,
        type: 'emergency-opened',
        actorSub: context.principal.sub,
        actorRole: context.principal.role,
        actorUnit: context.principal.unit ?? null,
        fromStatus: null,
        toStatus: 'disposisi',
        reason: body.reason,
        data: { parent: parent.id, toUnit: body.handlingUnit! },
        requestId: context.requestId,
      }),
    );
    await queueUnitNotice(manager, {
      complaint: child,
      eventId: event.id,
      unit: body.handlingUnit!,
      kind: 'assignment',
      message: `DARURAT: pengaduan ${child.trackingNumber} harus ditangani dalam ${EMERGENCY_HOURS} jam.`,
    });
    await manager.query(
      `INSERT INTO outbox_messages (queue, job_name, job_id, payload, not_before)
       VALUES ($1, 'check', $2, $3, $4)`,
      [
        SLA_QUEUE,
        `sla:${child.id}:${child.version}`,
        JSON.stringify({ complaintId: child.id, version: child.version }),
        dueAt,
      ],
    );
    return child.id;
  }
}
