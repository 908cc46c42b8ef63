import { Injectable } from '@nestjs/common';
import { maskNik, PiiCipher } from '@crm/core';
import { ageOn, parseNik } from '@crm/identity';
import { RegistryLookup, RegistryMatch } from '@crm/registry';
import { CommandContext, TicketCommands } from '@crm/tickets';

export interface RegistryCheckOutcome extends RegistryMatch {
  version: number;
}

/**
 * Flow 4, step 2: Diskominfo checks the reporter's NIK against the P3KE registry. Registered
 * (receiving a programme or not) → the ticket goes on along the normal flows. Not registered →
 * the reporter is asked for an application form, and the ticket's clock stands still until the
 * form arrives (Ticket.recordRegistryCheck). The NIK is kept on the ticket encrypted; the
 * history records the result with the NIK masked.
 */
@Injectable()
export class RegistryCheckService {
  constructor(
    private readonly commands: TicketCommands,
    private readonly lookup: RegistryLookup,
    private readonly pii: PiiCipher,
  ) {}

  async check(id: string, nik: string, command: CommandContext): Promise<RegistryCheckOutcome> {
    const match = await this.lookup.check(nik);
    const { ticket } = await this.commands.run(id, command, (ticket, context) => {
      // The NIK checked is the reporter's: their sex and age when they reported, for the figures.
      const { reportedAt } = ticket.state;
      const parsed = parseNik(nik, reportedAt);
      ticket.recordRegistryCheck(
        {
          result: match.result,
          nikEncrypted: this.pii.encrypt(nik),
          nikHash: this.pii.lookupHash(nik),
          maskedNik: maskNik(nik),
          p3keFamilyId: match.person?.p3keFamilyId ?? null,
          reporterSex: parsed.valid ? parsed.parts.sex : null,
          reporterAge: parsed.valid ? ageOn(parsed.parts.birthDate, reportedAt) : null,
        },
        context,
      );
    });
    return { ...match, version: ticket.version };
  }
}
