import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@crm/core';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { bilingual } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import {
  CommandContext,
  Complaint,
  newComplaint,
  newTrackingNumber,
  ParentClosing,
  StepContext,
  Ticket,
  TicketCommands,
  TicketErrors,
  TicketStore,
} from '@crm/tickets';
import { cycleFor } from '../prelist/prelist-cycles';
import { prelistHousehold, recordRegistrationTicket } from '../prelist/prelist-household';
import { Application } from './application.entity';
import { TriageDto } from './not-in-database.dto';
import { prelistEntryOf } from './prelisted';

export interface TriageOutcome {
  prelistEntryId: string;
  childTicketId?: string;
  /** Members without a NIK: the ticket at Disdukcapil that registers them (§2.4.2.2) */
  registrationTicketId?: string;
}

/** Disdukcapil: the population service that gives a NIK (75/2023 §2.4.2.2, §3.1.2.d). */
const REGISTRATION_UNIT = 'disdukcapil';

/**
 * Flow 4, steps 5–6: Diskominfo's triage of the application form. The household goes onto the
 * prelist; for an emergency, a child ticket also goes to the unit that handles it at once — all
 * in one transaction with the complaint's own `triage` step. The complaint then closes by itself
 * once its household is prelisted and its emergency handling is `selesai` (ParentClosing).
 */
@Injectable()
export class TriageComplaint {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: TicketCommands,
    private readonly store: TicketStore,
    private readonly reference: ReferenceCache,
    private readonly parents: ParentClosing,
  ) {}

  async run(id: string, body: TriageDto, command: CommandContext): Promise<TriageOutcome> {
    const unit = body.handlingUnit ? await this.reference.unit(body.handlingUnit) : undefined;
    const { result } = await this.commands.run(
      id,
      command,
      async (ticket, context, manager) => {
        ticket.check('triage', context.actor);
        const application = await manager.findOneBy(Application, { complaintId: id });
        if (!application) {
          throw TicketErrors.conflict(
            'NO_APPLICATION',
            bilingual(
              'Triase memerlukan formulir permohonan pelapor; isi formulir permohonan dulu',
              'Triage needs the reporter’s application form first',
            ),
          );
        }
        if (await prelistEntryOf(manager, id)) {
          throw TicketErrors.conflict(
            'ALREADY_TRIAGED',
            bilingual(
              'Rumah tangga pelapor sudah masuk prelist untuk pengaduan ini; lihat entri prelist-nya',
              'The household is already on the prelist for this complaint',
            ),
          );
        }
        if (body.emergency && (!unit || !unit.active)) {
          throw TicketErrors.invalid(
            'handlingUnit',
            bilingual(
              'keadaan darurat memerlukan unit aktif yang segera menanganinya; pilih unit penanganan',
              'an emergency needs an active unit to handle it now',
            ),
          );
        }
        const household = await prelistHousehold(manager, {
          complaintId: id,
          application,
          emergency: body.emergency,
          createdBy: command.principal.sub,
          cycleId: cycleFor(context.now, this.config.prelist.determinationDates).id,
        });
        const prelistEntryId = household.id;
        const childTicketId = body.emergency
          ? await this.openEmergency(manager, ticket.state, application, unit!.code, body, context)
          : undefined;
        const withoutNik = application.members.filter((member) => member.withoutNik).length;
        // Once per household: a second complaint about it joins the registration under way.
        const registrationTicketId =
          withoutNik && !household.registrationTicketId
            ? await this.openRegistration(manager, ticket.state, application, withoutNik, context)
            : undefined;
        if (registrationTicketId) {
          await recordRegistrationTicket(manager, prelistEntryId, registrationTicketId);
        }
        ticket.triage(
          {
            emergency: body.emergency,
            prelistEntryId,
            childTicketId: childTicketId ?? null,
            handlingUnit: body.handlingUnit ?? null,
            ...(withoutNik
              ? {
                  membersWithoutNik: withoutNik,
                  registrationTicketId:
                    registrationTicketId ?? household.registrationTicketId ?? null,
                }
              : {}),
          },
          body.reason,
          context,
        );
        return {
          prelistEntryId,
          ...(childTicketId ? { childTicketId } : {}),
          ...(registrationTicketId ? { registrationTicketId } : {}),
        };
      },
      // Prelisted and no emergency left open: the complaint is done.
      (context, manager) => this.parents.closeIfReady(manager, id, context.now, context.sla),
    );
    return result;
  }

  /**
   * The registration of the household's members without a NIK, at Disdukcapil, alongside the
   * prelist (75/2023 §2.4.2.2: its population service is a precondition for aid).
   */
  private async openRegistration(
    manager: EntityManager,
    parent: Complaint,
    application: Application,
    members: number,
    context: StepContext,
  ): Promise<string> {
    const reason = `${members} anggota keluarga belum memiliki NIK: pelayanan administrasi kependudukan`;
    const child = Ticket.openRegistration(
      newComplaint({
        ...childOf(parent, application, context),
        requestHash: createHash('sha256').update(`registration:${parent.id}`).digest('hex'),
        // The complaint's own (sensitive) category, not the population-records one: what
        // public reads show of it is as little as of the complaint (a household's need must
        // not be findable on a map).
        categoryCode: parent.categoryCode,
        description: `Pendaftaran kependudukan untuk pengaduan ${parent.trackingNumber}: ${reason}`,
      }),
      REGISTRATION_UNIT,
      members,
      reason,
      context,
    );
    const created = await this.store.create(child, manager);
    return created!.id;
  }

  /** The emergency's own ticket, at the handling unit, for the reporter's household. */
  private async openEmergency(
    manager: EntityManager,
    parent: Complaint,
    application: Application,
    unit: string,
    body: TriageDto,
    context: StepContext,
  ): Promise<string> {
    const child = Ticket.openEmergency(
      newComplaint({
        ...childOf(parent, application, context),
        requestHash: createHash('sha256').update(`emergency:${parent.id}`).digest('hex'),
        categoryCode: parent.categoryCode,
        description: `Penanganan darurat untuk pengaduan ${parent.trackingNumber}: ${body.reason}`,
      }),
      unit,
      body.reason,
      context,
    );
    const created = await this.store.create(child, manager);
    return created!.id;
  }
}

/** What a child ticket takes from its parent complaint and the household's form. */
function childOf(parent: Complaint, application: Application, context: StepContext) {
  return {
    trackingNumber: newTrackingNumber(),
    channelCode: parent.channelCode,
    externalId: null,
    idempotencyKey: null,
    reporterName: parent.reporterName,
    reporterType: parent.reporterType,
    reporterSex: parent.reporterSex,
    reporterAge: parent.reporterAge,
    reporterDisability: parent.reporterDisability,
    reporterEmail: parent.reporterEmail,
    reporterPhoneEncrypted: parent.reporterPhoneEncrypted,
    reporterPhoneHash: parent.reporterPhoneHash,
    reporterNikEncrypted: parent.reporterNikEncrypted,
    reporterNikHash: parent.reporterNikHash,
    lat: parent.lat,
    lon: parent.lon,
    address: application.address,
    kelurahanCode: application.kelurahanCode,
    locationMethod: 'kelurahan-code' as const,
    channelDetails: {},
    photos: [],
    reportedAt: context.now,
    createdBy: context.actor.sub,
    createdByRole: context.actor.role,
    parentId: parent.id,
  };
}
