import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, bilingual, maskNik, PiiCipher } from '@crm/core';
import { ageOn, parseNik } from '@crm/identity';
import { RegistryLookup, RegistryMatch } from '@crm/registry';
import { CommandContext, TicketCommands } from '@crm/tickets';

export interface RegistryCheckOutcome extends RegistryMatch {
  version: number;
  /** Checked without a NIK: the reporter has none (present only then) */
  withoutNik?: true;
}

/** What Diskominfo checks: the reporter's NIK, or that the reporter has none. */
export interface RegistryCheckRequest {
  nik?: string;
  withoutNik?: boolean;
}

/**
 * Flow 4, step 2: Diskominfo checks the reporter's NIK against the P3KE registry. Registered
 * (receiving a programme or not) → the ticket goes on along the normal flows. Not registered →
 * the reporter is asked for an application form, and the ticket's clock stands still until the
 * form arrives (Ticket.recordRegistryCheck). The NIK is kept on the ticket encrypted; the
 * history records the result with the NIK masked.
 *
 * A reporter without a NIK is the poorest case, not an error (75/2023 §2.4.2.2): P3KE holds
 * only people whose NIK Dukcapil validated (§3.1.1.1), so such a reporter is `not_registered`
 * without a lookup, and the path goes on to the application form.
 */
@Injectable()
export class RegistryCheckService {
  constructor(
    private readonly commands: TicketCommands,
    private readonly lookup: RegistryLookup,
    private readonly pii: PiiCipher,
  ) {}

  async check(
    id: string,
    request: RegistryCheckRequest,
    command: CommandContext,
  ): Promise<RegistryCheckOutcome> {
    const nik = checkedNik(request);
    const match: RegistryMatch = nik
      ? await this.lookup.check(nik)
      : { result: 'not_registered', person: null };
    const { ticket } = await this.commands.run(id, command, (ticket, context) => {
      // The NIK checked is the reporter's: their sex and age when they reported, for the figures.
      const { reportedAt } = ticket.state;
      const parsed = nik ? parseNik(nik, reportedAt) : null;
      ticket.recordRegistryCheck(
        {
          result: match.result,
          nikEncrypted: nik ? this.pii.encrypt(nik) : null,
          nikHash: nik ? this.pii.lookupHash(nik) : null,
          maskedNik: nik ? maskNik(nik) : null,
          p3keFamilyId: match.person?.p3keFamilyId ?? null,
          reporterSex: parsed?.valid ? parsed.parts.sex : null,
          reporterAge: parsed?.valid ? ageOn(parsed.parts.birthDate, reportedAt) : null,
        },
        context,
      );
    });
    return { ...match, version: ticket.version, ...(nik ? {} : { withoutNik: true as const }) };
  }
}

/** The NIK to look up, or null for a reporter without one; both or neither is a 400. */
function checkedNik(request: RegistryCheckRequest): string | null {
  if (request.nik !== undefined && request.withoutNik) {
    throw invalid(
      'withoutNik',
      bilingual(
        'berikan NIK atau withoutNik: true, tidak keduanya',
        'give the NIK or withoutNik: true, not both',
      ),
    );
  }
  if (request.nik !== undefined) return request.nik;
  if (request.withoutNik) return null;
  throw invalid(
    'nik',
    bilingual(
      'wajib diisi; untuk pelapor yang tidak memiliki NIK kirim withoutNik: true',
      'is required; for a reporter who has no NIK send withoutNik: true',
    ),
  );
}

function invalid(field: string, problem: ReturnType<typeof bilingual>): ApiError {
  return new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
    [{ field, problem }],
  );
}
