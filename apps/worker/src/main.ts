import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  bootLog,
  exitGracefullyOnSignals,
  Metrics,
  prepareProcess,
  serveWorkerMetrics,
} from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const { config, infrastructure } = await prepareProcess([seedReferenceData]);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const metrics = serveWorkerMetrics(app.get(Metrics), config);
  exitGracefullyOnSignals(async () => {
    metrics?.close();
    await app.close();
  }, infrastructure);
  bootLog('Worker started');
}

void main();
