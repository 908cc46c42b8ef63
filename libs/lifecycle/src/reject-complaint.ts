import { Injectable } from '@nestjs/common';
import { CommandContext, Complaint, TicketCommands, TicketStore } from '@crm/tickets';
import { RejectDto } from './lifecycle.dto';

/** Diskominfo closes an invalid complaint (spam, out of scope, a duplicate of another ticket). */
@Injectable()
export class RejectComplaint {
  constructor(
    private readonly commands: TicketCommands,
    private readonly store: TicketStore,
  ) {}

  async run(id: string, body: RejectDto, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(id, command, async (ticket, context, manager) => {
      const duplicate = body.duplicateOf
        ? { id: body.duplicateOf, original: await this.store.load(body.duplicateOf, manager) }
        : null;
      ticket.reject(body.reason, duplicate, context);
    });
    return ticket;
  }
}
