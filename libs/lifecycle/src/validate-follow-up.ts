import { Injectable } from '@nestjs/common';
import { CommandContext, Complaint, ParentClosing, TicketCommands } from '@crm/tickets';
import { ValidationDto } from './lifecycle.dto';

/**
 * Diskominfo verifies and validates the follow-up (75/2023 §3.5.f.5): approved closes the case,
 * rejected sends it back to the unit. A not-in-database complaint waits for its prelist instead
 * of being approved by hand; an approved emergency may be what its parent complaint waited for.
 */
@Injectable()
export class ValidateFollowUp {
  constructor(
    private readonly commands: TicketCommands,
    private readonly parents: ParentClosing,
  ) {}

  async run(id: string, body: ValidationDto, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(
      id,
      command,
      async (ticket, context, manager) => {
        const waitingFor =
          body.decision === 'approve' && ticket.state.registryStatus === 'not_registered'
            ? await this.parents.waitsFor(manager, ticket.state.id)
            : null;
        ticket.validate(body.decision, body.note ?? null, waitingFor, context);
        return body.decision === 'approve' ? ticket.state.parentId : null;
      },
      // The emergency is handled: its complaint may now close by itself.
      async (context, manager, parentId) => {
        if (parentId) await this.parents.closeIfReady(manager, parentId, context.now, context.sla);
      },
    );
    return ticket;
  }
}
