import { Injectable } from '@nestjs/common';
import { CommandContext, Complaint, TicketCommands } from '@crm/tickets';
import { FollowUpDto } from './lifecycle.dto';

/** The holding unit reports what it did (tindak lanjut); Diskominfo validates it next. */
@Injectable()
export class SubmitFollowUp {
  constructor(private readonly commands: TicketCommands) {}

  async run(id: string, body: FollowUpDto, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.submitFollowUp(
        {
          note: body.note,
          evidence: body.evidence ?? [],
          doneAt: body.doneAt ? new Date(body.doneAt) : null,
        },
        context,
      ),
    );
    return ticket;
  }
}
