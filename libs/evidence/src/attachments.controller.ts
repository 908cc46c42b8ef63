import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { diskStorage } from 'multer';
import type { Readable } from 'node:stream';
import { IsUUID } from 'class-validator';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Principal,
  Public,
  Roles,
  saying,
} from '@crm/core';
import {
  AttachmentDto,
  Command,
  CommandContext,
  ComplaintIdParam,
  TrackingNumberParam,
} from '@crm/tickets';
import { Attachments, MAX_ATTACHMENTS, MAX_FILE_BYTES, UPLOAD_FOLDER } from './attachments';
import { AttachmentUploadDto } from './attachments.dto';
import { PublicationRequestDto } from './publication.dto';
import { Publications } from './publication';
import { UploadsRemoved } from './uploads-removed.interceptor';

const ATTACHMENT_ID = saying('harus ID lampiran (UUID)', 'must be an attachment id (UUID)');

class AttachmentIdParam {
  @IsUUID('all', ATTACHMENT_ID)
  id: string;
}

class PublishedAttachmentParam extends TrackingNumberParam {
  @IsUUID('all', ATTACHMENT_ID)
  id: string;
}

/** The roles that read tickets (each only the tickets its scope gives it). */
const READERS = ['operator', 'diskominfo', 'unit', 'verifier', 'admin'] as const;

/** Photos and documents of a ticket (docs/api.md, "Evidence"; docs/evidence.md). */
@ApiTags('evidence')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1')
export class AttachmentsController {
  constructor(
    private readonly attachments: Attachments,
    private readonly publications: Publications,
  ) {}

  /**
   * One or more `file` parts and a `kind`: each file is recognised by its content (JPEG, PNG,
   * WebP, PDF), an image re-encoded without its metadata (GPS included) and given a thumbnail;
   * the whole upload is kept or none of it. 201 with what was stored
   */
  @Post('complaints/:id/attachments')
  @Roles('operator', 'diskominfo', 'unit', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
        kind: { type: 'string', enum: ['report', 'evidence'] },
      },
    },
  })
  @ApiErrorResponses([400, 403, 404, 409, 413, 415], {
    400: 'VALIDATION_FAILED (no file, a wrong kind), IMAGE_TOO_LARGE (over 50 megapixels), UNREADABLE_FILE, TOO_MANY_ATTACHMENTS (over 20 a ticket)',
    403: 'ACTION_NOT_ALLOWED: not the operator who entered it, Diskominfo or the holding unit',
    404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
    409: 'INVALID_TRANSITION: a closed ticket',
    413: 'A file over 10 MB',
    415: 'UNSUPPORTED_FILE: the content is not JPEG, PNG, WebP or PDF',
  })
  @UseInterceptors(
    UploadsRemoved,
    FilesInterceptor('file', MAX_ATTACHMENTS, {
      storage: diskStorage({ destination: UPLOAD_FOLDER }),
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_ATTACHMENTS, fields: 5 },
    }),
  )
  add(
    @Param() { id }: ComplaintIdParam,
    @Body() body: AttachmentUploadDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Command() command: CommandContext,
  ): Promise<AttachmentDto[]> {
    return this.attachments.add(id, body.kind, files ?? [], command);
  }

  /** A ticket's attachments, oldest first */
  @Get('complaints/:id/attachments')
  @Roles(...READERS)
  @ApiErrorResponses([400, 404], {
    404: "COMPLAINT_NOT_FOUND: unknown, or not the caller's to see",
  })
  list(
    @Param() { id }: ComplaintIdParam,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttachmentDto[]> {
    return this.attachments.list(id, principal);
  }

  /** The stored file, for whoever may read its ticket (404 otherwise) */
  @Get('attachments/:id')
  @Roles(...READERS)
  @ApiProduces('image/jpeg', 'image/png', 'image/webp', 'application/pdf')
  @ApiErrorResponses([400, 404], { 404: 'ATTACHMENT_NOT_FOUND' })
  async download(
    @Param() { id }: AttachmentIdParam,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(res, await this.attachments.open(id, principal, 'original'));
  }

  /** An image's thumbnail (JPEG, 320 px at most) */
  @Get('attachments/:id/thumbnail')
  @Roles(...READERS)
  @ApiProduces('image/jpeg')
  @ApiErrorResponses([400, 404], { 404: 'ATTACHMENT_NOT_FOUND (or a PDF, which has none)' })
  async thumbnail(
    @Param() { id }: AttachmentIdParam,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(res, await this.attachments.open(id, principal, 'thumbnail'), 'image/jpeg');
  }

  /**
   * Makes the public copy of a follow-up's photo, blurred in the regions given (fractions of the
   * image); publishing again replaces it. The public timeline shows it once the follow-up is
   * validated
   */
  @Post('attachments/:id/publication')
  @Roles('diskominfo')
  @ApiErrorResponses([400, 403, 404, 409, 413, 415], {
    400: 'VALIDATION_FAILED: a region outside 0–1, more than 20 regions',
    404: 'ATTACHMENT_NOT_FOUND',
    409: 'NOT_PUBLISHABLE: not a photo of the work, named by no follow-up (awaiting validation or validated), an Inspektorat complaint or a sensitive category; VERSION_CONFLICT',
  })
  publish(
    @Param() { id }: AttachmentIdParam,
    @Body() body: PublicationRequestDto,
    @Command() command: CommandContext,
  ): Promise<AttachmentDto> {
    return this.publications.publish(id, body.redact ?? [], command);
  }

  /** Takes the public copy down (204; nothing to do when there is none) */
  @Delete('attachments/:id/publication')
  @HttpCode(204)
  @Roles('diskominfo')
  @ApiErrorResponses([400, 403, 404, 409], { 404: 'ATTACHMENT_NOT_FOUND' })
  async withdraw(
    @Param() { id }: AttachmentIdParam,
    @Command() command: CommandContext,
  ): Promise<void> {
    await this.publications.withdraw(id, command);
  }

  private async send(
    res: Response,
    { attachment, content }: Awaited<ReturnType<Attachments['open']>>,
    contentType = attachment.contentType,
  ): Promise<void> {
    // Personal evidence: never kept by a shared cache; a PDF is saved, never rendered here.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader(
      'Content-Disposition',
      contentType === 'application/pdf' ? `attachment; filename="${attachment.id}.pdf"` : 'inline',
    );
    await sendFile(res, content, contentType);
  }
}

/**
 * The published copies of a ticket's evidence, for anyone holding its tracking number: what the
 * public timeline shows (docs/evidence.md, "The public copy").
 */
@ApiTags('complaints')
@Controller('api/v1/complaints/track/:trackingNumber/evidence')
export class PublicEvidenceController {
  constructor(private readonly publications: Publications) {}

  /** A published photo of a validated follow-up (JPEG, blurred where Diskominfo asked) */
  @Get(':id')
  @Public('The photos the public timeline shows, behind the unguessable tracking number')
  @ApiProduces('image/jpeg')
  @ApiErrorResponses([400, 404, 429], {
    404: 'ATTACHMENT_NOT_FOUND: none published, or its follow-up not validated',
  })
  async copy(@Param() params: PublishedAttachmentParam, @Res() res: Response): Promise<void> {
    await this.send(res, params, 'original');
  }

  /** Its thumbnail (JPEG, 320 px at most) */
  @Get(':id/thumbnail')
  @Public('The photos the public timeline shows, behind the unguessable tracking number')
  @ApiProduces('image/jpeg')
  @ApiErrorResponses([400, 404, 429], {
    404: 'ATTACHMENT_NOT_FOUND: none published, or its follow-up not validated',
  })
  async thumbnail(@Param() params: PublishedAttachmentParam, @Res() res: Response): Promise<void> {
    await this.send(res, params, 'thumbnail');
  }

  private async send(
    res: Response,
    { trackingNumber, id }: PublishedAttachmentParam,
    copy: 'original' | 'thumbnail',
  ): Promise<void> {
    const content = await this.publications.open(trackingNumber, id, copy);
    // Public, but short-lived in caches: a copy Diskominfo withdraws disappears within minutes.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Content-Disposition', 'inline');
    await sendFile(res, content, 'image/jpeg');
  }
}

/** Streams stored bytes as a file that a browser never runs as a page. */
async function sendFile(res: Response, content: Readable, contentType: string): Promise<void> {
  res.type(contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  await new Promise<void>((resolve, reject) => {
    content.once('error', reject);
    res.once('finish', resolve);
    res.once('close', resolve);
    content.pipe(res);
  });
}
