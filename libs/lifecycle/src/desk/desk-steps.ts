import { Injectable } from '@nestjs/common';
import { bilingual } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { CommandContext, Complaint, TicketCommands, TicketErrors } from '@crm/tickets';
import { AssigneeChangeDto, NewNoteDto, PriorityDto, RecategoriseDto } from './desk.dto';

/**
 * The desk's steps on one ticket (docs/desk.md): each is a method of the ticket, run through the
 * access gate and the one store like every other step.
 */
@Injectable()
export class DeskSteps {
  constructor(
    private readonly commands: TicketCommands,
    private readonly reference: ReferenceCache,
  ) {}

  async note(id: string, body: NewNoteDto, command: CommandContext): Promise<Complaint> {
    const text = body.text.trim();
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.addNote(text, context),
    );
    return ticket;
  }

  async recategorise(
    id: string,
    body: RecategoriseDto,
    command: CommandContext,
  ): Promise<{ ticket: Complaint; warnings: string[] }> {
    const category = await this.reference.category(body.category);
    if (!category?.active) {
      throw TicketErrors.invalid(
        'category',
        bilingual(
          `kategori ${body.category} tidak dikenal atau tidak aktif; lihat GET /api/v1/categories`,
          `unknown or inactive category ${body.category}; see GET /api/v1/categories`,
        ),
      );
    }
    const { ticket, result } = await this.commands.run(id, command, async (ticket, context) => {
      const owner = await this.reference.ownerFor(category, ticket.state.kelurahanCode);
      return ticket.recategorise({ code: category.code, owner }, body.reason.trim(), context);
    });
    return { ticket, warnings: result };
  }

  async assign(id: string, body: AssigneeChangeDto, command: CommandContext): Promise<Complaint> {
    const assignee = body.sub === null ? null : { sub: body.sub, name: body.name!.trim() };
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.setAssignee(assignee, context),
    );
    return ticket;
  }

  async prioritise(id: string, body: PriorityDto, command: CommandContext): Promise<Complaint> {
    const { ticket } = await this.commands.run(id, command, (ticket, context) =>
      ticket.prioritise(body.priority, context),
    );
    return ticket;
  }
}
