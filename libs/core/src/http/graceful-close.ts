import {
  CallHandler,
  ExecutionContext,
  INestApplication,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { finalize, Observable } from 'rxjs';

/**
 * Counts the route handlers still running. A client that hangs up does not stop its handler,
 * and closing the HTTP server does not wait for it: without this count, a shutdown would close
 * the database under a handler that is still writing (its transaction rolled back, a 503 logged).
 */
@Injectable()
export class InFlightHandlers implements NestInterceptor {
  private running = 0;
  private waiting: (() => void)[] = [];

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.running += 1;
    return next.handle().pipe(
      finalize(() => {
        this.running -= 1;
        if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
      }),
    );
  }

  /** Resolves when no handler runs, or after `timeoutMs` (true when they all finished). */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * Stops the API without cutting work short: stop accepting connections and answer the requests
 * of the clients still connected, let the handlers of clients that hung up finish, then close
 * Nest (queues, Redis, the database pool).
 */
export async function closeGracefully(app: INestApplication, graceMs = 15_000): Promise<void> {
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.get(InFlightHandlers, { strict: false }).settled(graceMs);
  await app.close();
}
