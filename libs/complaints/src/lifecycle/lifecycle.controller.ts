import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '@crm/core';
import { ComplaintDetailDto } from '../read/complaint.dto';
import { ComplaintViews } from '../read/complaint-view';
import { ComplaintIdParam } from '../read/complaints.controller';
import { etagOf } from '../read/etag';
import { DispositionDto, FollowUpDto, RejectDto, ReopenDto, ValidationDto } from './lifecycle.dto';
import { ActionContext, ActionInput, LifecycleService } from './lifecycle.service';
import { StepContext } from './step-context';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the ticket as last read (W/"<version>"): 409 if it changed since',
};

/**
 * The handling steps (api.md, "Handling"). Each answers 200 with the updated ticket and its new
 * `ETag`; who may take which step, and from which status, is in transitions.ts.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@ApiHeader(IF_MATCH)
@Controller('api/v1/complaints/:id')
export class LifecycleController {
  constructor(
    private readonly lifecycle: LifecycleService,
    private readonly views: ComplaintViews,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Re-route to another unit (Diskominfo from its review queue, or the holding unit). */
  @Post('dispositions')
  @HttpCode(200)
  @Roles('diskominfo', 'unit', 'admin')
  dispose(
    @Param() { id }: ComplaintIdParam,
    @Body() body: DispositionDto,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'dispose', body }, context, res);
  }

  /** The holding unit starts handling (`proses`). */
  @Post('accept')
  @HttpCode(200)
  @Roles('unit')
  accept(
    @Param() { id }: ComplaintIdParam,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'accept' }, context, res);
  }

  /** The holding unit reports what it did (`menunggu_validasi`). */
  @Post('follow-ups')
  @HttpCode(200)
  @Roles('unit')
  followUp(
    @Param() { id }: ComplaintIdParam,
    @Body() body: FollowUpDto,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'follow-up', body }, context, res);
  }

  /** Diskominfo approves the follow-up (`selesai`) or sends it back (`tl_ditolak`). */
  @Post('validation')
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  validate(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ValidationDto,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'validate', body }, context, res);
  }

  /** Diskominfo closes an invalid complaint (`ditolak`), e.g. as a duplicate of another. */
  @Post('reject')
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  reject(
    @Param() { id }: ComplaintIdParam,
    @Body() body: RejectDto,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'reject', body }, context, res);
  }

  /** Diskominfo reopens a closed ticket the reporter disputes (within 30 days). */
  @Post('reopen')
  @HttpCode(200)
  @Roles('diskominfo', 'admin')
  reopen(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ReopenDto,
    @StepContext() context: ActionContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    return this.run(id, { action: 'reopen', body }, context, res);
  }

  private async run(
    id: string,
    input: ActionInput,
    context: ActionContext,
    res: Response,
  ): Promise<ComplaintDetailDto> {
    const { complaint, warnings } = await this.lifecycle.act(id, input, context);
    res.setHeader('ETag', etagOf(complaint.version));
    const detail = await this.views.toDetail(complaint, context.principal, this.dataSource.manager);
    return { ...detail, warnings };
  }
}
