import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SlaCalendar } from '@crm/sla';
import { TicketAccess } from './access/ticket-access';
import { Complaint } from './complaint.entity';
import { CommandContext } from './http/command-context';
import { SERVICE_ACTOR, StepContext, Ticket } from './ticket';
import { TicketStore } from './ticket-store';

/**
 * How a person's step on one ticket runs: the ticket read through the access gate (404 when
 * it is not theirs to see), the caller made an actor of the transition table, the deadline
 * policy loaded, then the step applied and saved by the store — re-applied if the service's
 * own job changed the ticket meanwhile, unless the caller sent `If-Match`.
 */
@Injectable()
export class TicketCommands {
  constructor(
    private readonly store: TicketStore,
    private readonly access: TicketAccess,
    private readonly calendar: SlaCalendar,
  ) {}

  async run<R>(
    id: string,
    command: CommandContext,
    step: (ticket: Ticket, context: StepContext, manager: EntityManager) => Promise<R> | R,
    afterSave?: (context: StepContext, manager: EntityManager, result: R) => Promise<void>,
  ): Promise<{ ticket: Complaint; result: R }> {
    const sla = await this.calendar.policy();
    let context: StepContext | undefined;
    return this.store.change(
      id,
      command.expectedVersion,
      async (ticket, manager) => {
        await this.access.readable(ticket.state, command.principal);
        const actor = this.access.actor(ticket.state, command.principal, command.requestId);
        context = { actor, now: new Date(), sla };
        return step(ticket, context, manager);
      },
      afterSave && ((manager, result) => afterSave(context!, manager, result)),
    );
  }

  /**
   * The service's own step on tickets that another record's change causes (a prelist entry
   * moving on), inside that change's transaction: each ticket's row locked in turn (in id order,
   * so two such changes never wait on each other crosswise), the step applied and saved.
   */
  async serviceStep(
    manager: EntityManager,
    ids: readonly string[],
    step: (ticket: Ticket, context: StepContext) => void,
  ): Promise<void> {
    const sla = await this.calendar.policy();
    for (const id of [...new Set(ids)].sort()) {
      const row = await manager.findOne(Complaint, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) continue;
      const ticket = Ticket.of(row);
      step(ticket, { actor: SERVICE_ACTOR, now: new Date(), sla });
      await this.store.save(ticket, manager);
    }
  }
}
