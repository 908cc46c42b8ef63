import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiGeoReportErrorResponses, Public } from '@crm/core';
import { IdempotencyKey } from '@crm/intake';
import type { Open311Caller } from '../keys/open311-keys.service';
import {
  CurrentOpen311Caller,
  Open311ApiKeyGuard,
  Open311CallerIfAny,
  Open311OptionalApiKeyGuard,
} from './api-key.guard';
import { GeoReportExceptionFilter } from './georeport-exception.filter';
import { GeoReportReply, readW3cDatetime } from './georeport-format';
import { GeoReportFormatInterceptor } from './georeport-format.interceptor';
import { RequestSearch } from './request-search';
import { RequestSubmission } from './request-submission';
import {
  GetServiceRequestQuery,
  PostServiceRequestDto,
  SearchServiceRequestsQuery,
} from './requests.dto';

const FORMAT = { name: 'format', enum: ['json', 'xml'], description: 'Representation' };
const KEYED =
  'Open311 clients authenticate with an api_key bound to a channel, checked by Open311ApiKeyGuard';
const PUBLIC_READ =
  'GeoReport v2 reads are public: RequestSearch shows no reporter data, only validated follow-ups, and sensitive categories without description or exact place; throttled per client address';

/**
 * GeoReport v2 service requests: posting complaints (with a key) and reading them (without one;
 * a key narrows the read to its channel).
 */
@ApiTags('open311')
@ApiProduces('application/json', 'application/xml')
@UseFilters(GeoReportExceptionFilter)
@UseInterceptors(GeoReportFormatInterceptor)
@Controller('open311/v2')
export class RequestsController {
  constructor(
    private readonly submission: RequestSubmission,
    private readonly search: RequestSearch,
  ) {}

  /**
   * Submit a request: it enters intake as a complaint of the key's channel. 201 with its
   * service_request_id (the tracking number); a resubmission of the same request answers 200.
   */
  @Post('requests.:format')
  @ApiGeoReportErrorResponses([400, 403, 409, 413, 415, 429], {
    403: 'A missing, unknown or revoked api_key',
    409: 'IDEMPOTENCY_CONFLICT (names the earlier service_request_id) or ALREADY_RECEIVED (another caller entered that report)',
  })
  @Public(KEYED)
  @UseGuards(Open311ApiKeyGuard)
  @ApiParam(FORMAT)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a request safely: the same key returns the first request (200)',
  })
  async create(
    @Body() body: PostServiceRequestDto,
    @IdempotencyKey() idempotencyKey: string | null,
    @CurrentOpen311Caller() caller: Open311Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GeoReportReply> {
    const { reply, created } = await this.submission.submit(body, caller, idempotencyKey);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return new GeoReportReply('service_requests', 'request', [reply]);
  }

  /**
   * Requests of every channel but the Inspektorat's (of the key's channel when a key is given):
   * the last 90 days by default, at most 1,000
   */
  @Get('requests.:format')
  @ApiGeoReportErrorResponses([400, 403, 429], { 403: 'An unknown or revoked api_key' })
  @Public(PUBLIC_READ)
  @UseGuards(Open311OptionalApiKeyGuard)
  @ApiParam(FORMAT)
  async list(
    @Query() query: SearchServiceRequestsQuery,
    @Open311CallerIfAny() caller: Open311Caller | null,
  ): Promise<GeoReportReply> {
    const requests = await this.search.search(caller, {
      ids: query.service_request_id?.split(','),
      serviceCodes: query.service_code?.split(','),
      // Both checked by the DTO: they name real instants.
      start: query.start_date ? readW3cDatetime(query.start_date)! : undefined,
      end: query.end_date ? readW3cDatetime(query.end_date, true)! : undefined,
      statuses: query.status?.split(',') as ('open' | 'closed')[] | undefined,
      extensions: query.extensions === 'true',
    });
    return new GeoReportReply('service_requests', 'request', requests);
  }

  /** One request, as a list of one (the spec's shape); with a key, only of the key's channel */
  @Get('requests/:service_request_id.:format')
  @ApiGeoReportErrorResponses([400, 403, 404, 429], {
    403: 'An unknown or revoked api_key',
    404: "Unknown, or not the caller's to see",
  })
  @Public(PUBLIC_READ)
  @UseGuards(Open311OptionalApiKeyGuard)
  @ApiParam(FORMAT)
  @ApiParam({ name: 'service_request_id', description: 'The tracking number' })
  @ApiQuery({ name: 'extensions', required: false, enum: ['true', 'false'] })
  async one(
    @Param('service_request_id') id: string,
    @Query() query: GetServiceRequestQuery,
    @Open311CallerIfAny() caller: Open311Caller | null,
  ): Promise<GeoReportReply> {
    const request = await this.search.one(caller, id, query.extensions === 'true');
    return new GeoReportReply('service_requests', 'request', [request]);
  }
}
