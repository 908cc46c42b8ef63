import { Controller, Get, HttpStatus, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsUUID, Matches } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { ApiError, CurrentPrincipal, Page, Principal, Public, Roles } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { Complaint } from '../tickets/complaint.entity';
import { TRACKING_NUMBER_PATTERN } from '../tickets/tracking-number';
import { ComplaintAccess, RESTRICTED_CHANNEL } from './complaint-access';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { ComplaintDetailDto, ComplaintDto, HistoryEventDto, TrackingDto } from './complaint.dto';
import { ComplaintListQuery } from './complaint-list.dto';
import { ComplaintViews, seesOtherTickets, toHistory } from './complaint-view';
import { etagOf } from './etag';

export class ComplaintIdParam {
  @IsUUID('all', { message: 'id must be a ticket id (UUID)' })
  id: string;
}

class TrackingNumberParam {
  @Matches(TRACKING_NUMBER_PATTERN, { message: 'trackingNumber must look like JKT-XXXX-XXXX-XXXX' })
  trackingNumber: string;
}

const notFound = () =>
  new ApiError(HttpStatus.NOT_FOUND, 'COMPLAINT_NOT_FOUND', 'No such complaint');

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class ComplaintsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ComplaintAccess,
    private readonly views: ComplaintViews,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
  ) {}

  /** Public status for the reporter: no personal data and no content. */
  @Get('track/:trackingNumber')
  @Public('Reporters follow their complaint with the unguessable tracking number alone')
  async track(@Param() { trackingNumber }: TrackingNumberParam): Promise<TrackingDto> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { trackingNumber });
    if (!complaint) throw notFound();
    const restricted = complaint.channelCode === RESTRICTED_CHANNEL;
    const category =
      !restricted && complaint.categoryCode
        ? await this.reference.category(complaint.categoryCode)
        : undefined;
    const kelurahan =
      !restricted && complaint.kelurahanCode
        ? this.regions.get(complaint.kelurahanCode)
        : undefined;
    return {
      trackingNumber: complaint.trackingNumber,
      status: complaint.status,
      category: category ? { code: category.code, name: category.name } : null,
      kelurahan: kelurahan ? { code: kelurahan.code, name: kelurahan.name } : null,
      receivedAt: complaint.createdAt.toISOString(),
      updatedAt: complaint.updatedAt.toISOString(),
    };
  }

  /** The tickets the caller may see, newest first, filtered (api.md, "Handling"). */
  @Get()
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  async list(
    @Query() query: ComplaintListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ComplaintDto>> {
    const page = { page: query.page, limit: query.limit };
    const scope = this.access.scope(principal);
    if (!scope) return { data: [], meta: { total: 0, ...page } };
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status) add((p) => `c.status = ${p}`, query.status);
    if (query.channel) add((p) => `c.channel_code = ${p}`, query.channel);
    if (query.category) add((p) => `c.category_code = ${p}`, query.category);
    if (query.kelurahan) add((p) => `c.kelurahan_code = ${p}`, query.kelurahan);
    if (query.kecamatan) add((p) => `c.kelurahan_code LIKE ${p}`, `${query.kecamatan}.%`);
    if (query.kota) add((p) => `c.kelurahan_code LIKE ${p}`, `${query.kota}.%`);
    if (query.unit) add((p) => `c.assigned_unit_code = ${p}`, query.unit);
    if (query.emergency !== undefined) add((p) => `c.emergency = ${p}`, query.emergency);
    if (query.overdue !== undefined) {
      add(
        (p) => `(c.overdue OR (c.due_at IS NOT NULL AND c.due_at < now())) = ${p}`,
        query.overdue,
      );
    }
    if (query.from) add((p) => `c.created_at >= ${p}`, query.from);
    if (query.to) add((p) => `c.created_at < ${p}`, query.to);
    const filter = where.join(' AND ');
    const [rows, [{ total }]]: [{ id: string }[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id FROM complaints c WHERE ${filter}
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM complaints c WHERE ${filter}`,
        params,
      ),
    ]);
    const tickets = await this.dataSource.manager.findBy(Complaint, {
      id: In(rows.map((row) => row.id)),
    });
    const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const data = await Promise.all(
      rows.map((row) => this.views.toDto(byId.get(row.id)!, principal)),
    );
    return { data, meta: { total, ...page } };
  }

  /**
   * One ticket with its history, dispositions and follow-ups, if the caller may see it (404
   * otherwise, so existence does not leak). `ETag` carries the version for `If-Match`.
   */
  @Get(':id')
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  async get(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const complaint = await this.readable(id, principal);
    res.setHeader('ETag', etagOf(complaint.version));
    return this.views.toDetail(complaint, principal, this.dataSource.manager);
  }

  /** The ticket's history alone: every event, oldest first. */
  @Get(':id/history')
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  async history(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryEventDto[]> {
    const complaint = await this.readable(id, principal);
    const events = await this.dataSource.manager.find(ComplaintEvent, {
      where: { complaintId: id },
      order: { id: 'ASC' },
    });
    const showOthers = seesOtherTickets(complaint, principal);
    return events.map((event) => toHistory(event, showOthers));
  }

  private async readable(id: string, principal: Principal): Promise<Complaint> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!complaint || !(await this.access.canRead(complaint, principal))) throw notFound();
    return complaint;
  }
}
