import { createServer, Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics, sameSecret } from './metrics';

/**
 * The worker's own /metrics (it has no API): its job outcomes, event loop and pool, on
 * WORKER_METRICS_PORT, with the API's METRICS_TOKEN rule. A port already taken (a second worker
 * on one machine) is logged and the worker runs on without it.
 */
export function serveWorkerMetrics(metrics: Metrics, config: AppConfig): Server | undefined {
  const port = config.metrics.workerPort;
  if (!port) return undefined;
  const logger = new Logger('Metrics');
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const token = config.metrics.token;
    const [scheme, given] = (req.headers.authorization ?? '').split(' ');
    if (token && !(scheme?.toLowerCase() === 'bearer' && sameSecret(given ?? '', token))) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  server.on('error', (error) => logger.warn(`Worker metrics not served: ${error.message}`));
  server.listen(port, config.http.host, () =>
    logger.log(`Worker metrics on http://${config.http.host}:${port}/metrics`),
  );
  return server;
}
