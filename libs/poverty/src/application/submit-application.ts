import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError, APP_CONFIG, AppConfig, bilingual, PiiCipher } from '@crm/core';
import { parseNik } from '@crm/identity';
import { RegionDirectory } from '@crm/reference';
import { CommandContext, TicketCommands, TicketErrors } from '@crm/tickets';
import { Application, ApplicationMember, TriageSuggestion } from './application.entity';
import { ApplicationDto, MemberDto } from './not-in-database.dto';
import { prelistEntryOf } from './prelisted';
import { suggestTriage } from './triage-suggestion';

/**
 * Flow 4, step 4: the reporter's application form, after the registry check found them not
 * registered. It is stored (a later form replaces it), the ticket's clock runs again, and the
 * answer is the service's triage suggestion.
 */
@Injectable()
export class SubmitApplication {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: TicketCommands,
    private readonly pii: PiiCipher,
    private readonly regions: RegionDirectory,
  ) {}

  async run(
    id: string,
    body: ApplicationDto,
    command: CommandContext,
  ): Promise<{ suggestion: TriageSuggestion }> {
    const { result } = await this.commands.run(id, command, async (ticket, context, manager) => {
      ticket.check('receive-application', context.actor);
      if (await prelistEntryOf(manager, id)) {
        throw TicketErrors.conflict(
          'ALREADY_TRIAGED',
          bilingual(
            'Rumah tangga pelapor sudah masuk prelist untuk pengaduan ini; lihat entri prelist-nya',
            'The household is already on the prelist for this complaint',
          ),
        );
      }
      if (!this.regions.get(body.kelurahanCode)) {
        throw TicketErrors.invalid(
          'kelurahanCode',
          bilingual(
            `${body.kelurahanCode} bukan kelurahan di DKI Jakarta; periksa kodenya di daftar wilayah`,
            `${body.kelurahanCode} is not a kelurahan of DKI Jakarta`,
          ),
        );
      }
      const members = body.members.map((member, index) => storedMember(this.pii, member, index));
      const suggestion = suggestTriage(
        body.monthlyExpenditure,
        members.length,
        body.conditions,
        this.config.povertyLines,
      );
      await manager.delete(Application, { complaintId: id });
      await manager.insert(Application, {
        complaintId: id,
        kkEncrypted: body.kk ? this.pii.encrypt(body.kk) : null,
        kkHash: body.kk ? this.pii.lookupHash(body.kk) : null,
        address: body.address,
        kelurahanCode: body.kelurahanCode,
        monthlyExpenditure: String(body.monthlyExpenditure),
        members,
        conditions: body.conditions,
        suggestion,
        submittedBy: command.principal.sub,
      });
      ticket.receiveApplication(
        {
          suggestion: { ...suggestion },
          conditions: body.conditions,
          members: members.length,
          ...withoutNik(members),
        },
        context,
      );
      return { suggestion };
    });
    return result;
  }
}

/** For the history: how many members have no NIK, when any has none. */
function withoutNik(members: ApplicationMember[]): { membersWithoutNik?: number } {
  const count = members.filter((member) => member.withoutNik).length;
  return count ? { membersWithoutNik: count } : {};
}

/**
 * A member as stored: the NIK encrypted, its sex and birth date agreeing with the NIK; or,
 * for a member without one, flagged (75/2023 §2.4.2.2: the poorest, not an error).
 */
export function storedMember(pii: PiiCipher, member: MemberDto, index: number): ApplicationMember {
  if (member.nik === undefined) {
    return {
      nikEncrypted: null,
      nikHash: null,
      withoutNik: true,
      name: member.name,
      relation: member.relation,
      sex: member.sex,
      birthDate: member.birthDate,
      ...(member.disability === undefined ? {} : { disability: member.disability }),
    };
  }
  if (member.withoutNik) {
    const field = `members.${index}.withoutNik`;
    const problem = bilingual(
      'anggota ini diberi NIK; hapus withoutNik atau NIK-nya',
      'the member is given a NIK; remove withoutNik or the NIK',
    );
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
      [{ field, problem }],
    );
  }
  const parsed = parseNik(member.nik);
  if (parsed.valid && parsed.parts.sex !== member.sex) {
    throw TicketErrors.invalid(
      `members.${index}.sex`,
      bilingual(
        `berisi ${member.sex}, padahal NIK-nya milik ${parsed.parts.sex === 'P' ? 'perempuan' : 'laki-laki'}; periksa jenis kelamin atau NIK anggota ini`,
        `is ${member.sex} but the NIK is of a ${parsed.parts.sex === 'P' ? 'woman' : 'man'}`,
      ),
    );
  }
  if (parsed.valid && parsed.parts.birthDate !== member.birthDate) {
    throw TicketErrors.invalid(
      `members.${index}.birthDate`,
      bilingual(
        `berisi ${member.birthDate}, padahal menurut NIK ${parsed.parts.birthDate}; periksa tanggal lahir atau NIK anggota ini`,
        `is ${member.birthDate} but the NIK says ${parsed.parts.birthDate}`,
      ),
    );
  }
  return {
    nikEncrypted: pii.encrypt(member.nik),
    nikHash: pii.lookupHash(member.nik),
    name: member.name,
    relation: member.relation,
    sex: member.sex,
    birthDate: member.birthDate,
    ...(member.disability === undefined ? {} : { disability: member.disability }),
  };
}
