import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Subject } from 'rxjs';
import { InFlightHandlers } from './graceful-close';

describe('InFlightHandlers', () => {
  const context = {} as ExecutionContext;
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
