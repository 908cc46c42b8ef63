import {
  CallHandler,
  ExecutionContext,
  INestApplication,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { finalize, Observable } from 'rxjs';

/**
 * Counts the route handlers still running. A client that hangs up does not stop its handler,
 * and closing the HTTP server does not wait for it: without this count, a shutdown would close
 * the database under a handler that is still writing (its transaction rolled back, a 503 logged).
 * It also holds their responses, so that a shutdown can ask their clients to close the
 * connection: a keep-alive connection would otherwise keep the server open after its answer.
 */
@Injectable()
export class InFlightHandlers implements NestInterceptor {
  private running = 0;
  private waiting: (() => void)[] = [];
  private readonly responses = new Set<ServerResponse>();
  private closing = false;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<ServerResponse>();
    if (this.closing) closeAfterAnswer(response);
    this.responses.add(response);
    this.running += 1;
    return next.handle().pipe(
      finalize(() => {
        this.responses.delete(response);
        this.running -= 1;
        if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
      }),
    );
  }

  /** From now on each answer ends its connection, those of the running handlers included. */
  closeConnections(): void {
    this.closing = true;
    for (const response of this.responses) closeAfterAnswer(response);
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

function closeAfterAnswer(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

/**
 * Stops the API without cutting work short, within `graceMs` in all (the process's watchdog
 * allows 25 s): stop accepting connections, tell keep-alive clients to go (`Connection: close`
 * on the answers still to come, idle connections closed), answer the clients still connected, let
 * the handlers of clients that hung up finish, then close Nest (queues, Redis, the database).
 * A connection still open when the grace runs out (a stalled upload) is cut.
 */
export async function closeGracefully(app: INestApplication, graceMs = 15_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  const server = app.getHttpServer() as Server;
  const inFlight = app.get(InFlightHandlers, { strict: false });
  inFlight.closeConnections();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  await Promise.race([closed, graceOver]);
  clearTimeout(timer);
  server.closeAllConnections();
  await inFlight.settled(Math.max(0, deadline - Date.now()));
  await app.close();
}
