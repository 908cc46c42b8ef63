import {
  Body,
  Controller,
  Get,
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
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IsUUID } from 'class-validator';
import {
  ApiErrorResponses,
  ApiSignedInErrors,
  CurrentPrincipal,
  Principal,
  Roles,
  saying,
} from '@crm/core';
import { Command, CommandContext, ComplaintIdParam } from '@crm/tickets';
import { Attachments, MAX_ATTACHMENTS, MAX_FILE_BYTES } from './attachments';
import { AttachmentDto, AttachmentUploadDto } from './attachments.dto';
import { UploadsRemoved } from './uploads-removed.interceptor';

/** Where uploads wait while they are checked (removed once the request is answered). */
export const UPLOAD_FOLDER = path.join(tmpdir(), 'crm-uploads');

class AttachmentIdParam {
  @IsUUID('all', saying('harus ID lampiran (UUID)', 'must be an attachment id (UUID)'))
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
  constructor(private readonly attachments: Attachments) {}

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

  private async send(
    res: Response,
    { attachment, content }: Awaited<ReturnType<Attachments['open']>>,
    contentType = attachment.contentType,
  ): Promise<void> {
    res.type(contentType);
    // Personal evidence: never kept by a shared cache; a PDF is saved, never rendered here.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader(
      'Content-Disposition',
      contentType === 'application/pdf' ? `attachment; filename="${attachment.id}.pdf"` : 'inline',
    );
    await new Promise<void>((resolve, reject) => {
      content.once('error', reject);
      res.once('finish', resolve);
      res.once('close', resolve);
      content.pipe(res);
    });
  }
}
