import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { ApiError } from './api-error';
import { isDependencyUnavailable, toErrorBody } from './error-body';

describe('toErrorBody', () => {
  it('keeps an ApiError as thrown', () => {
    const body = toErrorBody(
      new ApiError(409, 'CONFLICT', 'Ticket is selesai', [{ field: 'status', problem: 'x' }]),
      'req-1',
    );
    expect(body).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Ticket is selesai',
      requestId: 'req-1',
    });
  });

  it('joins class-validator style message arrays', () => {
    const body = toErrorBody(new BadRequestException(['a is bad', 'b is bad']), 'r');
    expect(body.message).toBe('a is bad; b is bad');
    expect(body.statusCode).toBe(400);
  });

  it('maps connection failures to 503 and hides the driver message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const body = toErrorBody(refused, 'r');
    expect(body.statusCode).toBe(503);
    expect(JSON.stringify(body)).not.toContain('5432');
  });

  it('never leaks the message of an unexpected error', () => {
    const body = toErrorBody(new TypeError('secret internals at foo.ts:12'), 'r');
    expect(body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(body)).not.toContain('foo.ts');
  });

  it('does not repeat the text of a 5xx HttpException', () => {
    const refused = new ServiceUnavailableException('db down at 10.0.0.1');
    expect(toErrorBody(refused, 'r', 'en').message).toBe('Service temporarily unavailable');
    expect(toErrorBody(refused, 'r').message).toBe(
      'Layanan sedang tidak tersedia; coba lagi sebentar lagi',
    );
  });
});

describe('isDependencyUnavailable', () => {
  it.each([
    [{ code: '57P01' }, true], // admin_shutdown
    [{ code: '08006' }, true], // connection_failure
    [{ code: '23505' }, false], // unique_violation is the caller's problem, not a dependency's
  ])('classifies SQLSTATE %j', (props, expected) => {
    expect(isDependencyUnavailable(Object.assign(new Error('x'), props))).toBe(expected);
  });

  it('looks through TypeORM driverError', () => {
    const wrapped = Object.assign(new Error('query failed'), {
      driverError: Object.assign(new Error('Connection terminated unexpectedly'), {}),
    });
    expect(isDependencyUnavailable(wrapped)).toBe(true);
  });
});
