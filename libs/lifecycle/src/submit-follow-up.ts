import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, bilingual } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { CommandContext, Complaint, TicketCommands, TicketEvidence } from '@crm/tickets';
import { FollowUpDto } from './lifecycle.dto';

/**
 * The holding unit reports what it did (tindak lanjut); Diskominfo validates it next. A category
 * that requires photo evidence (Diskominfo compares it with the reporter's photo, 75/2023
 * §3.5.f.5) takes no follow-up without an uploaded image of the work.
 */
@Injectable()
export class SubmitFollowUp {
  constructor(
    private readonly commands: TicketCommands,
    private readonly evidence: TicketEvidence,
    private readonly reference: ReferenceCache,
  ) {}

  async run(id: string, body: FollowUpDto, command: CommandContext): Promise<Complaint> {
    const attachmentIds = [...new Set(body.attachmentIds ?? [])];
    const { ticket } = await this.commands.run(id, command, async (ticket, context, manager) => {
      const { images } = await this.evidence.check(manager, id, attachmentIds);
      const category = ticket.state.categoryCode
        ? await this.reference.category(ticket.state.categoryCode)
        : undefined;
      ticket.submitFollowUp(
        {
          note: body.note,
          evidence: body.evidence ?? [],
          attachmentIds,
          doneAt: body.doneAt ? new Date(body.doneAt) : null,
        },
        context,
      );
      // After the step's own checks: a refusal from the ticket's status or holder comes first.
      if (category?.requiresPhotoEvidence && images === 0) throw evidenceRequired(category.name);
    });
    return ticket;
  }
}

const evidenceRequired = (category: string) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'EVIDENCE_REQUIRED',
    bilingual(
      `Tindak lanjut kategori ${category} wajib disertai foto hasil pekerjaan: unggah fotonya (POST …/attachments, kind evidence) lalu sebutkan id-nya di attachmentIds`,
      `A follow-up in category ${category} needs a photo of the work: upload it (POST …/attachments, kind evidence) and name it in attachmentIds`,
    ),
    [
      {
        field: 'attachmentIds',
        problem: bilingual('wajib memuat foto hasil pekerjaan', 'must name a photo of the work'),
      },
    ],
  );
