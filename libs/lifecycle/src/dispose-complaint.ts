import { Injectable } from '@nestjs/common';
import { bilingual } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import {
  CommandContext,
  Complaint,
  DISPOSITION_REASONS,
  DispositionReason,
  TicketCommands,
  TicketErrors,
} from '@crm/tickets';
import { DispositionDto } from './lifecycle.dto';

/**
 * A re-route (disposisi) to another unit — by Diskominfo from its review queue, or by the unit
 * holding a ticket that is not theirs (flow 3). The rules are the ticket's (Ticket.dispose); this
 * checks the target against reference data and where the ticket's point lies.
 */
@Injectable()
export class DisposeComplaint {
  constructor(
    private readonly commands: TicketCommands,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
  ) {}

  async run(
    id: string,
    body: DispositionDto,
    command: CommandContext,
  ): Promise<{ ticket: Complaint; warnings: string[] }> {
    const target = await this.reference.unit(body.toUnit);
    const { ticket, result } = await this.commands.run(id, command, (ticket, context) => {
      if (!target || !target.active) {
        throw TicketErrors.invalid(
          'toUnit',
          bilingual('bukan unit yang aktif', 'is not an active unit'),
          bilingual(
            `toUnit: tidak ada unit aktif ${body.toUnit}; pilih unit tujuan disposisi dari daftar unit`,
            `toUnit: no active unit ${body.toUnit}`,
          ),
        );
      }
      const { lat, lon } = ticket.state;
      const point = lat !== null && lon !== null ? this.regions.locate(lat, lon) : null;
      // A code given as the reason is the code; words are the officer's note.
      const asCode = (DISPOSITION_REASONS as readonly string[]).includes(body.reason);
      return ticket.dispose(
        { code: target.code, name: target.name, type: target.type, regionCode: target.regionCode },
        body.reasonCode ?? (asCode ? (body.reason as DispositionReason) : null),
        body.note ?? (asCode ? null : body.reason),
        point ? { code: point.kelurahan.code, name: point.kelurahan.name } : null,
        context,
      );
    });
    return { ticket, warnings: result };
  }
}
