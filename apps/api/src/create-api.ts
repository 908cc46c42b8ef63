import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, configureApp } from '@crm/core';
import { ApiModule } from './api.module';

/** Builds the API exactly as production runs it (main.ts and the end-to-end tests share this). */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    forceCloseConnections: false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}
