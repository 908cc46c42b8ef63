import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { sendError } from '../errors/api-exception.filter';
import { httpMetricsMiddleware } from '../metrics/http-metrics';
import { Metrics } from '../metrics/metrics';
import { edgeMiddleware } from './edge';
import { requestIdMiddleware } from './request-id';

/**
 * Everything about the HTTP edge that is not a Nest provider: request ids, security headers, the
 * edge gate (limits, credentials and body parsing, see edge.ts) and the OpenAPI document.
 * main.ts and the end-to-end tests both call this, so tests exercise exactly what production runs.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  // Nest holds its log lines (bufferLogs) until listen(); an app served without listening (the
  // end-to-end tests) would otherwise keep every line, errors included, in memory unwritten.
  app.flushLogs();
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  // The client's address (for limits and logs) comes from X-Forwarded-For only when it was
  // written by a proxy the operator named: anyone can send that header.
  server.set('trust proxy', config.http.trustProxy);

  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  // Helmet's policy, less the https: it allows for styles and fonts: no page the service serves
  // (the queues' board is the only HTML here; the console sets its own) loads them from elsewhere.
  const strict = helmet({
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'font-src': ["'self'", 'data:'] },
    },
  });
  // Swagger UI needs inline scripts and styles; everything else gets the strict policy.
  const forDocs = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/docs') ? forDocs(req, res, next) : strict(req, res, next),
  );
  app.use(edgeMiddleware(app, config));
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
