import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { languageOf } from '../i18n/bilingual';
import { TooManyRequestsError } from './api-error';
import { RETRY_AFTER_SECONDS, toErrorBody } from './error-body';

/** The single exception filter: every error leaves in the documented shape. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

export function sendError(exception: unknown, req: Request, res: Response, logger: Logger): void {
  const requestId = String(req.id ?? '');
  const language = languageOf(req);
  const body = toErrorBody(exception, requestId, language);
  if (body.statusCode >= 500) {
    logger.error(
      { err: exception, requestId, method: req.method, path: req.path },
      `${req.method} ${req.path} failed with ${body.statusCode}`,
    );
  }
  if (res.headersSent) return;
  res.setHeader('Content-Language', language);
  if (body.statusCode === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  if (exception instanceof TooManyRequestsError) {
    res.setHeader('Retry-After', String(exception.retryAfterSeconds));
  }
  res.status(body.statusCode).json(body);
}
