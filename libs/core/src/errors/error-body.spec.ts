import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { bilingual } from '../i18n/bilingual';
import { ApiError } from './api-error';
import { isDependencyUnavailable, toErrorBody } from './error-body';

describe('toErrorBody', () => {
  it('keeps an ApiError as thrown, in the language asked for', () => {
    const error = new ApiError(
      409,
      'CONFLICT',
      bilingual('Tiket sudah selesai', 'Ticket is selesai'),
      [{ field: 'status', problem: bilingual('sudah selesai', 'is selesai') }],
    );
    expect(toErrorBody(error, 'req-1')).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Tiket sudah selesai',
      details: [{ field: 'status', problem: 'sudah selesai' }],
      requestId: 'req-1',
    });
    expect(toErrorBody(error, 'req-1', 'en')).toMatchObject({
      message: 'Ticket is selesai',
      details: [{ field: 'status', problem: 'is selesai' }],
    });
  });

  it('keeps the English message as the exception text, for logs', () => {
    const error = new ApiError(404, 'NOT_FOUND', bilingual('Tidak ada', 'Nothing here'));
    expect(error.message).toBe('Nothing here');
    expect(String(error.text)).toBe('Nothing here');
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
