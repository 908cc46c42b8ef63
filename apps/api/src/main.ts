import 'reflect-metadata';
import { bootLog, closeGracefully, exitGracefullyOnSignals, prepareProcess } from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const started = Date.now();
  const { config, infrastructure } = await prepareProcess([seedReferenceData]);
  const app = await createApi(config);
  await app.listen(config.http.port, config.http.host);
  exitGracefullyOnSignals(() => closeGracefully(app), infrastructure);
  bootLog(
    `API listening on http://${config.http.host}:${config.http.port} (docs at /docs, worker ${
      config.worker.inProcess ? 'in this process' : 'separate'
    }) after ${Date.now() - started} ms`,
  );
}

void main();
