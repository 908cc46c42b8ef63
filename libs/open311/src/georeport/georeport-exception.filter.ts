import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorBody, languageOf, RETRY_AFTER_SECONDS, toErrorBody } from '@crm/core';
import { formatOfPath, GeoReportReply, toXml } from './georeport-format';

/** One GeoReport error: `{ code, description }` (the spec's error format). */
export interface GeoReportError {
  code: number;
  description: string;
}

/**
 * Errors of the Open311 routes in the GeoReport v2 format — a list of `{code, description}`, in
 * JSON or XML after the URL's extension — instead of the API's own error shape. Status and
 * wording come from the API's mapping (toErrorBody), so a 5xx says nothing internal here either.
 */
@Catch()
export class GeoReportExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = toErrorBody(exception, String(req.id ?? ''), languageOf(req));
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId, method: req.method, path: req.path },
        `${req.method} ${req.path} failed with ${body.statusCode}`,
      );
    }
    if (res.headersSent) return;
    const errors = describe(body);
    if (body.statusCode === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(body.statusCode);
    if (formatOfPath(req.path) === 'xml') {
      res
        .type('application/xml; charset=utf-8')
        .send(toXml(new GeoReportReply('errors', 'error', errors)));
    } else {
      res.json(errors);
    }
  }
}

/** Each field-level problem of a validation error is one error, so a client sees them all. */
function describe({ statusCode, code, message, details }: ErrorBody): GeoReportError[] {
  const fieldProblems = code === 'VALIDATION_FAILED' ? details : [];
  const problems = fieldProblems.flatMap((detail) => {
    const { field, problem } = (detail ?? {}) as { field?: unknown; problem?: unknown };
    if (typeof problem !== 'string') return [];
    if (typeof field !== 'string' || problem.startsWith(field)) return [problem];
    return [`${field}: ${problem}`];
  });
  return (problems.length ? problems : [message]).map((description) => ({
    code: statusCode,
    description,
  }));
}
