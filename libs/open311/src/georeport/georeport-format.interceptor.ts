import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { ApiError, bilingual } from '@crm/core';
import { formatOfPath, GeoReportReply, toXml } from './georeport-format';

/**
 * Writes a handler's GeoReportReply as JSON or XML after the URL's extension, so handlers never
 * deal with representation. An extension other than .json or .xml names no resource (404).
 */
@Injectable()
export class GeoReportFormatInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const format = formatOfPath(http.getRequest<Request>().path);
    if (!format) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        bilingual(
          'Sumber daya GeoReport v2 tersedia sebagai .json atau .xml; akhiri alamatnya dengan salah satunya',
          'GeoReport v2 resources are served as .json or .xml',
        ),
      );
    }
    return next.handle().pipe(
      map((reply: unknown) => {
        if (!(reply instanceof GeoReportReply)) return reply;
        if (format === 'json') return reply.data;
        http.getResponse<Response>().type('application/xml; charset=utf-8');
        return toXml(reply);
      }),
    );
  }
}
