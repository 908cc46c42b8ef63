import { Injectable } from '@nestjs/common';
import { CommandContext, Complaint, TicketCommands } from '@crm/tickets';

/** The holding unit starts handling the ticket (`proses`). */
@Injectable()
export class AcceptComplaint {
  constructor(private readonly commands: TicketCommands) {}

  async run(id: string, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.accept(context),
    );
    return ticket;
  }
}
