import { Injectable } from '@nestjs/common';
import { CommandContext, Complaint, TicketCommands } from '@crm/tickets';
import { ReopenDto } from './lifecycle.dto';

/** Diskominfo reopens a closed ticket the reporter disputes; the unit that closed it is told. */
@Injectable()
export class ReopenComplaint {
  constructor(private readonly commands: TicketCommands) {}

  async run(id: string, body: ReopenDto, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.reopen(body.reason, context),
    );
    return ticket;
  }
}
