import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, maskNik, PiiCipher } from '@crm/core';
import { RegistryLookup, RegistryMatch } from '@crm/registry';
import { ActionContext } from '../lifecycle/lifecycle.service';
import { ComplaintAccess } from '../read/complaint-access';
import { SlaPolicy } from '../sla/sla-policy';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';

export interface RegistryCheckOutcome extends RegistryMatch {
  version: number;
}

/**
 * Flow 4, step 2: Diskominfo checks the reporter's NIK against the P3KE registry. Registered
 * (receiving a programme or not) → the ticket goes on along the normal flows. Not registered →
 * the reporter is asked for an application form, and the ticket's clock stands still until the
 * form arrives (or Diskominfo moves the ticket on). The NIK is kept on the ticket encrypted; the
 * history records the result with the NIK masked.
 */
@Injectable()
export class RegistryCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ComplaintAccess,
    private readonly lookup: RegistryLookup,
    private readonly pii: PiiCipher,
    private readonly sla: SlaPolicy,
  ) {}

  async check(id: string, nik: string, context: ActionContext): Promise<RegistryCheckOutcome> {
    const { principal } = context;
    const ticket = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!ticket || !(await this.access.canRead(ticket, principal))) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'COMPLAINT_NOT_FOUND', 'No such complaint');
    }
    if (principal.role !== 'diskominfo') {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACTION_NOT_ALLOWED',
        'Only Diskominfo checks the registry',
      );
    }
    if (ticket.status === 'selesai' || ticket.status === 'ditolak') {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'INVALID_TRANSITION',
        `Cannot check the registry for a ticket in status ${ticket.status}`,
      );
    }
    if (context.expectedVersion !== null && context.expectedVersion !== ticket.version) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'VERSION_CONFLICT',
        `The ticket changed since version ${context.expectedVersion}; it is at version ${ticket.version}`,
      );
    }

    const match = await this.lookup.check(nik);
    const now = new Date();
    const waiting = match.result === 'not_registered';
    const clocks = waiting
      ? { dueAt: null, clockPausedAt: now }
      : ticket.clockPausedAt
        ? { ...(await this.sla.clocksAfter(ticket, ticket.status, now)), clockPausedAt: null }
        : {};
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(
        Complaint,
        { id, version: ticket.version },
        {
          registryStatus: match.result,
          registryCheckedAt: now,
          reporterNikEncrypted: this.pii.encrypt(nik),
          reporterNikHash: this.pii.lookupHash(nik),
          ...clocks,
        },
      );
      if (!affected) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'VERSION_CONFLICT',
          'Someone else changed the ticket at the same moment; reload it and try again',
        );
      }
      await manager.insert(ComplaintEvent, {
        complaintId: id,
        type: 'registry-check',
        actorSub: principal.sub,
        actorRole: principal.role,
        actorUnit: principal.unit ?? null,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        reason: waiting ? 'Not in the P3KE registry: application form requested' : null,
        data: {
          result: match.result,
          nik: maskNik(nik),
          p3keFamilyId: match.person?.p3keFamilyId ?? null,
          clockPaused: waiting,
        },
        requestId: context.requestId,
      });
    });
    return { ...match, version: ticket.version + 1 };
  }
}
