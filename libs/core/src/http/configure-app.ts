import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { sendError } from '../errors/api-exception.filter';
import { requestIdMiddleware } from './request-id';

/** Raw request bytes, kept for signature checks (the JAKI webhook's HMAC). */
declare module 'http' {
  interface IncomingMessage {
    rawBody?: Buffer;
    /** A body the Open311 parsers could not read, left for the Open311 routes to report. */
    bodyError?: unknown;
  }
}

/**
 * Everything about the HTTP edge that is not a Nest provider: request ids, security headers,
 * body parsing with its 1 MB limit and the OpenAPI document. main.ts and the
 * end-to-end tests both call this, so tests exercise exactly what production runs.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  // Nest holds its log lines (bufferLogs) until listen(); an app served without listening (the
  // end-to-end tests) would otherwise keep every line, errors included, in memory unwritten.
  app.flushLogs();
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', 'loopback, linklocal, uniquelocal');

  app.use(requestIdMiddleware);
  const strict = helmet();
  // Swagger UI needs inline scripts and styles; everything else gets the strict policy.
  const forDocs = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/docs') ? forDocs(req, res, next) : strict(req, res, next),
  );
  const keepRaw = (req: Request, _res: Response, buf: Buffer) => {
    req.rawBody = buf;
  };
  // Open311 (GeoReport v2) clients post forms with nested keys (`attribute[code]=value`), and
  // expect errors in the specification's own format: their parse errors are handed on to the
  // Open311 routes (which answer in that format) instead of being answered here.
  app.use(
    '/open311',
    express.json({ limit: config.http.bodyLimit, verify: keepRaw }),
    express.urlencoded({ extended: true, limit: config.http.bodyLimit, verify: keepRaw }),
    (error: unknown, req: Request, _res: Response, next: NextFunction) => {
      req.bodyError = error;
      next();
    },
  );
  // A body the Open311 parsers refused without reading it (an unsupported encoding or charset)
  // would be refused again below, in the API's shape: it stays with the Open311 routes.
  const unlessRefused =
    (parser: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      req.bodyError === undefined ? parser(req, res, next) : next();
  app.use(unlessRefused(express.json({ limit: config.http.bodyLimit, verify: keepRaw })));
  app.use(
    unlessRefused(
      express.urlencoded({ extended: false, limit: config.http.bodyLimit, verify: keepRaw }),
    ),
  );
  // Errors raised by the parsers above never reach Nest's filters; answer them in the same shape.
  const edgeLogger = new NestLogger('Http');
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(error, req, res, edgeLogger),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jakarta CRM — complaint handling API')
      .setDescription(
        "REST API of DKI Jakarta's Cepat Respon Masyarakat complaint service. See README.md and docs/.",
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, () => document, { jsonDocumentUrl: 'docs-json' });
}
