import { stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { describeError, serializeError } from './error-serializer';

/** What node-postgres throws for a check violation: the row, values and all, in `detail`. */
function checkViolation(): Error {
  return Object.assign(
    new Error('new row for relation "complaints" violates check constraint "ck_complaints_lat"'),
    {
      severity: 'ERROR',
      code: '23514',
      detail: 'Failing row contains (Siti Rahmawati, siti@example.com, -6.1754, 106.8272).',
      schema: 'public',
      table: 'complaints',
      constraint: 'ck_complaints_lat',
      routine: 'ExecConstraints',
      where: 'SQL statement "INSERT …"',
    },
  );
}

const PERSONAL = ['Siti Rahmawati', 'siti@example.com', '-6.1754', '106.8272', '081298765432'];

describe('serializeError', () => {
  const failed = () =>
    new QueryFailedError(
      'INSERT INTO complaints (reporter_name, reporter_email, lat, lon) VALUES ($1, $2, $3, $4)',
      ['Siti Rahmawati', 'siti@example.com', -6.1754, 106.8272, '081298765432'],
      checkViolation(),
    );

  it('keeps what tells a failed statement apart and nothing of its values', () => {
    const logged = serializeError(failed());
    expect(logged).toEqual({
      type: 'QueryFailedError',
      message: 'new row for relation "…" violates check constraint "…"',
      stack: expect.stringMatching(/^QueryFailedError: new row for relation "…"[^\n]*\n\s+at /),
      code: '23514',
      table: 'complaints',
      constraint: 'ck_complaints_lat',
    });
    for (const value of PERSONAL) expect(JSON.stringify(logged)).not.toContain(value);
  });

  it('does the same with what pino-http’s wrapper hands it (the standard serializer’s output)', () => {
    const logged = serializeError(stdSerializers.err(failed()));
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23514' });
    expect(Object.keys(logged).sort()).toEqual(
      ['code', 'constraint', 'message', 'stack', 'table', 'type'].sort(),
    );
    for (const value of PERSONAL) expect(JSON.stringify(logged)).not.toContain(value);
  });

  it('hides a value PostgreSQL quotes in its message', () => {
    const driverError = Object.assign(
      new Error('invalid input syntax for type uuid: "Siti Rahmawati"'),
      { code: '22P02', severity: 'ERROR', routine: 'string_to_uuid' },
    );
    const logged = serializeError(new QueryFailedError('SELECT $1::uuid', ['x'], driverError));
    expect(logged.message).toBe('invalid input syntax for type uuid: "…"');
    expect(JSON.stringify(logged)).not.toContain('Siti');
    expect(describeError(driverError)).toBe('invalid input syntax for type uuid: "…"');
  });

  it('follows causes, and keeps ordinary errors as they are', () => {
    const wrapped = new Error('Could not route the ticket', { cause: failed() });
    const logged = serializeError(wrapped);
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'Could not route the ticket',
      cause: { type: 'QueryFailedError', code: '23514' },
    });
    for (const value of PERSONAL) expect(JSON.stringify(logged)).not.toContain(value);
    expect(
      serializeError(Object.assign(new TypeError('x is "undefined"'), { code: 'E1' })),
    ).toMatchObject({ type: 'TypeError', message: 'x is "undefined"', code: 'E1' });
  });

  it('drops any other property an error carries', () => {
    const withConfig = Object.assign(new Error('Request failed'), {
      config: { headers: { authorization: 'Bearer secret' } },
      status: 502,
    });
    expect(serializeError(withConfig)).toEqual({
      type: 'Error',
      message: 'Request failed',
      stack: expect.any(String),
      status: 502,
    });
  });

  it('copes with what is not an error', () => {
    expect(serializeError('boom')).toEqual({ type: 'string', message: 'boom' });
    expect(serializeError(undefined)).toEqual({ type: 'undefined', message: 'undefined' });
    expect(describeError(null)).toBe('null');
  });
});
