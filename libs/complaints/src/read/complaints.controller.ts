import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiError, CurrentPrincipal, Principal, Public, Roles } from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { Complaint } from '../tickets/complaint.entity';
import { TRACKING_NUMBER_PATTERN } from '../tickets/tracking-number';
import { ComplaintAccess, RESTRICTED_CHANNEL } from './complaint-access';
import { ComplaintDto, TrackingDto } from './complaint.dto';
import { ComplaintViews } from './complaint-view';

class ComplaintIdParam {
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

  /** One ticket, if the caller may see it (404 otherwise, so existence does not leak). */
  @Get(':id')
  @Roles('operator', 'diskominfo', 'unit', 'verifier', 'admin')
  @ApiBearerAuth()
  async get(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintDto> {
    const complaint = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!complaint || !(await this.access.canRead(complaint, principal))) throw notFound();
    return this.views.toDto(complaint, principal);
  }
}
