import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiError,
  bilingual,
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  CurrentPrincipal,
  Principal,
  Public,
  Roles,
  SignedBody,
} from '@crm/core';
import { ComplaintDetailDto, ComplaintViews, etagOf } from '@crm/tickets';
import { IdempotencyKey } from './idempotency-key';
import { JakiComplaintDto, OperatorComplaintDto } from './intake.dto';
import { IntakeOutcome, IntakeService, JAKI_SUBMITTER } from './intake.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a request safely: the same key returns the first ticket (200)',
};

@ApiTags('intake')
@Controller('api/v1')
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly views: ComplaintViews,
  ) {}

  /**
   * JAKI's push of a geo-tagged complaint (signed). 201 with the ticket, as a read of it shows it;
   * routed to the kelurahan that contains the point right after. A repeat of the same externalId
   * answers 200.
   */
  @Post('channels/jaki/complaints')
  @Public('JAKI authenticates each push with an HMAC signature over the raw body')
  // Checked at the edge: no signature header, no body read; a wrong signature, no body parsed.
  @SignedBody({
    header: 'x-jaki-signature',
    secrets: ({ jaki }) => [
      jaki.webhookSecret,
      ...(jaki.previousWebhookSecret ? [jaki.previousWebhookSecret] : []),
    ],
  })
  // One trusted caller carrying all of JAKI's citizens: a per-caller limit would throttle the
  // city. Refused signatures count against the sender's address at the edge.
  @SkipThrottle()
  @ApiJsonBodyErrors()
  @ApiErrorResponses([401, 409, 429], {
    401: 'INVALID_SIGNATURE: X-Jaki-Signature is missing, malformed or does not match the raw body',
    409: 'IDEMPOTENCY_CONFLICT: the same externalId or Idempotency-Key with another body',
    429: 'Too many refused signatures from this address; see Retry-After',
  })
  @ApiHeader({ name: 'X-Jaki-Signature', required: true, description: 'sha256=<hex HMAC-SHA256>' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async jaki(
    @Body() body: JakiComplaintDto,
    @IdempotencyKey() key: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    const outcome = await this.intake.submit({ ...body, channel: 'jaki' }, JAKI_SUBMITTER, key);
    return this.answer(outcome, { role: 'operator', unit: 'jaki' }, res);
  }

  /**
   * An operator's entry for one of the channels in the token's `channels` claim: 201 with the
   * ticket as `GET /api/v1/complaints/{id}` shows it.
   */
  @Post('complaints')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiSignedInErrors()
  @ApiJsonBodyErrors()
  @ApiErrorResponses([403, 409], {
    403: 'FORBIDDEN for another role; CHANNEL_NOT_ALLOWED when the channel is not in the token',
    409: 'IDEMPOTENCY_CONFLICT (the same key or external id with another body; names the earlier ticket) or ALREADY_RECEIVED (another caller entered that external id)',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async create(
    @Body() body: OperatorComplaintDto,
    @IdempotencyKey() key: string | null,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintDetailDto> {
    if (!principal.channels.includes(body.channel)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'CHANNEL_NOT_ALLOWED',
        bilingual(
          `Token ini hanya boleh mencatat pengaduan dari kanal ${principal.channels.join(', ') || '(tidak ada kanal)'}, bukan ${body.channel}; pilih kanal yang benar atau minta akses kanal ini`,
          `This token may enter complaints for ${principal.channels.join(', ') || 'no channel'}, not ${body.channel}`,
        ),
      );
    }
    const outcome = await this.intake.submit(body, principal, key);
    return this.answer(outcome, principal, res);
  }

  /**
   * The ticket as a read of it shows it — the same serializer as `GET /api/v1/complaints/{id}`,
   * history and all — so a client never learns a field exists only once it reads the ticket back.
   */
  private answer(
    { complaint, created }: IntakeOutcome,
    viewer: Pick<Principal, 'role' | 'unit'>,
    res: Response,
  ): Promise<ComplaintDetailDto> {
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    res.setHeader('Location', `/api/v1/complaints/${complaint.id}`);
    res.setHeader('ETag', etagOf(complaint.version));
    return this.views.toDetail(complaint, viewer);
  }
}
