import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import {
  ApiError,
  CurrentPrincipal,
  NoStore,
  Page,
  PageQuery,
  PiiCipher,
  Principal,
  Roles,
} from '@crm/core';
import { RegistryPerson } from '@crm/registry';
import { ComplaintAccess } from '../read/complaint-access';
import { Complaint } from '../tickets/complaint.entity';
import { Application } from '../not-in-database/application.entity';
import { PrelistEntry } from '../not-in-database/prelist-entry.entity';
import { PiiAccess } from './pii-access.entity';

const SUBJECTS = ['complaint', 'registry', 'prelist'] as const;
const FIELDS = ['nik', 'kk', 'phone'] as const;

class RevealDto {
  @IsIn(SUBJECTS)
  subject: (typeof SUBJECTS)[number];

  /** The ticket id, the registry person's id, or the prelist entry id */
  @IsString()
  @Length(1, 64)
  id: string;

  @IsIn(FIELDS)
  field: (typeof FIELDS)[number];

  /** Why the full value is needed; kept in the access log */
  @IsString()
  @Length(10, 500)
  reason: string;
}

export class PiiAccessDto {
  id: string;
  actor: string;
  role: string;
  unit: string | null;
  subject: string;
  subjectId: string;
  field: string;
  reason: string;
  requestId: string | null;
  at: string;
}

const unavailable = (what: string) =>
  new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `No ${what} to reveal`);

/**
 * The one way a full NIK, KK number or phone number leaves the service (besides the Matriks 3
 * export): asked for with a reason by Diskominfo or a verifier, and written to the access log in
 * the same transaction as it is read. Everywhere else these values are masked.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/v1/pii')
export class PiiRevealController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly access: ComplaintAccess,
  ) {}

  @Post('reveal')
  @HttpCode(200)
  @Roles('diskominfo', 'verifier')
  @NoStore()
  async reveal(
    @Body() body: RevealDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<{ value: string }> {
    const encrypted = await this.encryptedValue(body, principal);
    const value = this.pii.decrypt(encrypted);
    await this.dataSource.manager.insert(PiiAccess, {
      actorSub: principal.sub,
      actorRole: principal.role,
      actorUnit: principal.unit ?? null,
      subject: body.subject,
      subjectId: body.id,
      field: body.field,
      reason: body.reason,
      requestId: req.id === undefined ? null : String(req.id),
    });
    return { value };
  }

  /** Who read which personal data, and why (newest first). */
  @Get('access-log')
  @Roles('admin')
  async log(@Query() query: PageQuery): Promise<Page<PiiAccessDto>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(PiiAccess, {
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return {
      data: rows.map((row) => ({
        id: row.id,
        actor: row.actorSub,
        role: row.actorRole,
        unit: row.actorUnit,
        subject: row.subject,
        subjectId: row.subjectId,
        field: row.field,
        reason: row.reason,
        requestId: row.requestId,
        at: row.at.toISOString(),
      })),
      meta: { total, page: query.page, limit: query.limit },
    };
  }

  private async encryptedValue(body: RevealDto, principal: Principal): Promise<string> {
    const uuid = /^[0-9a-f-]{36}$/i.test(body.id);
    if (body.subject === 'complaint') {
      const ticket = uuid
        ? await this.dataSource.manager.findOneBy(Complaint, { id: body.id })
        : null;
      if (!ticket || !(await this.access.canRead(ticket, principal))) throw unavailable('ticket');
      const value =
        body.field === 'nik'
          ? ticket.reporterNikEncrypted
          : body.field === 'phone'
            ? ticket.reporterPhoneEncrypted
            : null;
      if (!value) throw unavailable(`${body.field} on this ticket`);
      return value;
    }
    if (body.subject === 'registry') {
      const person = /^\d{1,18}$/.test(body.id)
        ? await this.dataSource.manager.findOneBy(RegistryPerson, { id: body.id })
        : null;
      if (!person) throw unavailable('registry person');
      if (body.field === 'phone') throw unavailable('phone in the registry');
      return body.field === 'nik' ? person.nikEncrypted : person.kkEncrypted;
    }
    // A prelist entry: its household head's NIK or the family's KK number.
    const entry = uuid
      ? await this.dataSource.manager.findOneBy(PrelistEntry, { id: body.id })
      : null;
    const application = entry
      ? await this.dataSource.manager.findOneBy(Application, { id: entry.applicationId })
      : null;
    if (!application) throw unavailable('prelist entry');
    if (body.field === 'phone') throw unavailable('phone on a prelist entry');
    return body.field === 'nik' ? application.members[0].nikEncrypted : application.kkEncrypted;
  }
}
