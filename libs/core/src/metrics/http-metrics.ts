import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

declare module 'http' {
  interface IncomingMessage {
    /** The route template the edge found (`/api/v1/complaints/:id`), for the metrics' labels. */
    routeTemplate?: string;
  }
}

/**
 * Times every request from its arrival to its last byte, labelled by the route template the
 * edge found — never the raw path, whose ids would make a series per ticket.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequests.startTimer();
    res.once('finish', () =>
      stop({
        method: req.method,
        route: req.routeTemplate ?? 'unmatched',
        status: String(res.statusCode),
      }),
    );
    next();
  };
}
