import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
  Module,
} from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom, Subject } from 'rxjs';
import { closeGracefully, InFlightHandlers } from './graceful-close';

describe('InFlightHandlers', () => {
  const context = {
    switchToHttp: () => ({
      getResponse: () => ({ headersSent: false, setHeader: () => undefined }),
    }),
  } as unknown as ExecutionContext;
  const handler = () => {
    const result = new Subject<string>();
    const next: CallHandler = { handle: () => result.asObservable() };
    return { result, next };
  };

  it('settles at once when nothing runs', async () => {
    await expect(new InFlightHandlers().settled(10)).resolves.toBe(true);
  });

  it('settles when the last running handler finishes, whether it answered or failed', async () => {
    const inFlight = new InFlightHandlers();
    const first = handler();
    const second = handler();
    const answered = lastValueFrom(inFlight.intercept(context, first.next));
    const failed = lastValueFrom(inFlight.intercept(context, second.next)).catch((e: Error) => e);
    let settled = false;
    const waiting = inFlight.settled(5_000).then((all) => (settled = all));

    first.result.next('ok');
    first.result.complete();
    await answered;
    await Promise.resolve();
    expect(settled).toBe(false);

    second.result.error(new Error('database down'));
    expect(await failed).toBeInstanceOf(Error);
    await waiting;
    expect(settled).toBe(true);
  });

  it('gives up after the grace period when a handler never finishes', async () => {
    const inFlight = new InFlightHandlers();
    inFlight.intercept(context, handler().next).subscribe();
    await expect(inFlight.settled(20)).resolves.toBe(false);
  });
});

describe('closeGracefully', () => {
  /** A route that answers when the test lets it, and one that answers at once. */
  @Controller()
  class Routes {
    readonly waiting: (() => void)[] = [];
    finished = 0;

    @Get('slow')
    async slow(): Promise<{ ok: boolean }> {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.finished += 1;
      return { ok: true };
    }

    @Get('fast')
    fast(): { ok: boolean } {
      return { ok: true };
    }
  }

  @Module({
    controllers: [Routes],
    providers: [InFlightHandlers, { provide: APP_INTERCEPTOR, useExisting: InFlightHandlers }],
  })
  class TestModule {}

  let app: INestApplication;
  let url: string;
  let routes: Routes;
  const agent = new Agent({ keepAlive: true });
  const get = (path: string, signal?: AbortSignal) =>
    new Promise<{ status: number; connection?: string }>((resolve, reject) => {
      const req = request(`${url}${path}`, { agent, signal }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode!, connection: res.headers.connection }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  beforeEach(async () => {
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    routes = app.get(Routes);
  });
  afterAll(() => agent.destroy());

  it('does not wait for idle keep-alive connections', async () => {
    expect((await get('/fast')).status).toBe(200);
    const started = Date.now();
    await closeGracefully(app, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers a connected client’s request first, telling it to close the connection', async () => {
    const answer = get('/slow');
    await until(() => routes.waiting.length === 1);
    let closed = false;
    const closing = closeGracefully(app, 5_000).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    routes.waiting[0]();
    expect(await answer).toEqual({ status: 200, connection: 'close' });
    await closing;
  });

  it('lets the handler of a client that hung up finish before Nest closes', async () => {
    const hangUp = new AbortController();
    const answer = get('/slow', hangUp.signal).catch((error: Error) => error);
    await until(() => routes.waiting.length === 1);
    hangUp.abort();
    expect(await answer).toMatchObject({ name: 'AbortError' });
    let closed = false;
    const closing = closeGracefully(app, 5_000).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    routes.waiting[0]();
    await closing;
    expect(routes.finished).toBe(1);
  });
});
