import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, configureApp } from '@crm/core';
import { ApiModule } from './api.module';
import { consoleFiles } from './console/console-files';
import { loadOpenApiMetadata } from './load-openapi-metadata';

/** Builds the API exactly as production runs it (main.ts and the end-to-end tests share this). */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    forceCloseConnections: false,
  });
  // What the swagger plugin reads from the DTOs and routes, also for runs that did not go
  // through `nest build` (tests, ts-node): the same /docs-json everywhere.
  await loadOpenApiMetadata();
  configureApp(app, config);
  app.use('/console', consoleFiles(config));
  await app.init();
  return app;
}
