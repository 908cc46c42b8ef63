import { Injectable } from '@nestjs/common';
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
import { prelistHousehold } from '../prelist/prelist-household';
import { Application } from './application.entity';
import { TriageDto } from './not-in-database.dto';
import { prelistEntryOf } from './prelisted';

export interface TriageOutcome {
  prelistEntryId: string;
  childTicketId?: string;
}

/**
 * Flow 4, steps 5–6: Diskominfo's triage of the application form. The household goes onto the
 * prelist; for an emergency, a child ticket also goes to the unit that handles it at once — all
 * in one transaction with the complaint's own `triage` step. The complaint then closes by itself
 * once its household is prelisted and its emergency handling is `selesai` (ParentClosing).
 */
@Injectable()
export class TriageComplaint {
  constructor(
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
        const prelistEntryId = await prelistHousehold(manager, {
          complaintId: id,
          application,
          emergency: body.emergency,
          createdBy: command.principal.sub,
        });
        const childTicketId = body.emergency
          ? await this.openEmergency(manager, ticket.state, application, unit!.code, body, context)
          : undefined;
        ticket.triage(
          {
            emergency: body.emergency,
            prelistEntryId,
            childTicketId: childTicketId ?? null,
            handlingUnit: body.handlingUnit ?? null,
          },
          body.reason,
          context,
        );
        return { prelistEntryId, ...(childTicketId ? { childTicketId } : {}) };
      },
      // Prelisted and no emergency left open: the complaint is done.
      (context, manager) => this.parents.closeIfReady(manager, id, context.now, context.sla),
    );
    return result;
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
        trackingNumber: newTrackingNumber(),
        channelCode: parent.channelCode,
        externalId: null,
        idempotencyKey: null,
        requestHash: createHash('sha256').update(`emergency:${parent.id}`).digest('hex'),
        categoryCode: parent.categoryCode,
        description: `Penanganan darurat untuk pengaduan ${parent.trackingNumber}: ${body.reason}`,
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
        locationMethod: 'kelurahan-code',
        channelDetails: {},
        photos: [],
        reportedAt: context.now,
        createdBy: context.actor.sub,
        createdByRole: context.actor.role,
        parentId: parent.id,
      }),
      unit,
      body.reason,
      context,
    );
    const created = await this.store.create(child, manager);
    return created!.id;
  }
}
