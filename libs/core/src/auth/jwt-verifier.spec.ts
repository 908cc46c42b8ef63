import { SignJWT } from 'jose';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../errors/api-error';
import { CLOCK_TOLERANCE_S, JwtVerifier, principalFrom } from './jwt-verifier';

const NOW = 1_800_000_000;
const policy = { maxLifetimeS: 24 * 3600, now: NOW };
const claims = {
  sub: 'operator-7',
  name: 'Budi Santoso',
  role: 'operator',
  unit: 'diskominfo',
  channels: ['sms', 'lapor-1708'],
  iat: NOW,
  exp: NOW + 8 * 3600,
};

/** The refusal's message, or `accepted`. */
function outcome(payload: Record<string, unknown>): string {
  try {
    principalFrom(payload, policy);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'INVALID_TOKEN' });
    expect((error as ApiError).getStatus()).toBe(401);
    return (error as ApiError).message;
  }
}

describe('principalFrom', () => {
  it('builds the principal from bounded claims', () => {
    expect(principalFrom(claims, policy)).toEqual({
      sub: 'operator-7',
      name: 'Budi Santoso',
      role: 'operator',
      unit: 'diskominfo',
      channels: ['sms', 'lapor-1708'],
    });
    expect(outcome({ ...claims, name: undefined, channels: undefined, iat: undefined })).toBe(
      'accepted',
    );
    expect(outcome({ ...claims, sub: 'x'.repeat(200), name: 'Ñoño Ärzte 山田' })).toBe('accepted');
  });

  it('requires an expiry within the maximum lifetime', () => {
    expect(outcome({ ...claims, exp: undefined })).toMatch(/no expiry \(exp\)/);
    expect(outcome({ ...claims, exp: NOW + 24 * 3600 + CLOCK_TOLERANCE_S })).toBe('accepted');
    expect(outcome({ ...claims, exp: NOW + 24 * 3600 + CLOCK_TOLERANCE_S + 1 })).toMatch(
      /expires more than 24 h ahead/,
    );
    expect(outcome({ ...claims, exp: 1e15 })).toMatch(/expires more than/);
  });

  it('refuses a token issued in the future beyond the clock tolerance', () => {
    expect(outcome({ ...claims, iat: NOW + CLOCK_TOLERANCE_S })).toBe('accepted');
    expect(outcome({ ...claims, iat: NOW + CLOCK_TOLERANCE_S + 1 })).toMatch(
      /issued in the future \(iat\)/,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not text', 42],
    ['over 200 characters', 'x'.repeat(201)],
    ['with a NUL', 'a\u0000b'],
    ['with a newline', 'a\nb'],
    ['with DEL', 'a\u007fb'],
    ['with a C1 control', 'a\u0085b'],
    ['with a lone surrogate', 'a\ud800b'],
  ])('refuses a subject %s', (_why, sub) => {
    expect(outcome({ ...claims, sub })).toMatch(/subject \(sub\)/);
  });

  it.each(['system', 'jaki', 'JAKI', 'open311:12', 'Open311:x'])(
    'refuses the service’s own subject %s',
    (sub) => {
      expect(outcome({ ...claims, sub })).toMatch(/the service's own/);
    },
  );

  it('bounds the name', () => {
    expect(outcome({ ...claims, name: 'n'.repeat(201) })).toMatch(/name/);
    expect(outcome({ ...claims, name: '' })).toMatch(/name/);
    expect(outcome({ ...claims, name: 'Budi\u0000' })).toMatch(/name/);
    expect(outcome({ ...claims, name: ['Budi'] })).toMatch(/name/);
  });

  it('requires a unit code', () => {
    for (const unit of [
      undefined,
      '',
      'x',
      'x'.repeat(41),
      'Diskominfo',
      'dinas sosial',
      'a\u0000',
    ])
      expect(outcome({ ...claims, unit })).toMatch(/unit/);
    expect(outcome({ ...claims, unit: '31.71.01.1001' })).toBe('accepted');
  });

  it('requires the channels to be a short list of channel codes', () => {
    expect(outcome({ ...claims, channels: [] })).toBe('accepted');
    for (const channels of [
      'sms',
      [42],
      ['SMS'],
      ['sms\u0000'],
      ['x'.repeat(33)],
      Array.from({ length: 33 }, (_, i) => `c${i}`),
    ])
      expect(outcome({ ...claims, channels })).toMatch(/channels/);
  });

  it('names the roles a token may carry', () => {
    expect(outcome({ ...claims, role: 'superuser' })).toMatch(/role must be one of operator/);
  });
});

describe('JwtVerifier: an expired token and the clock tolerance', () => {
  const SECRET = 'a-test-secret-of-at-least-32-characters!';
  const EXP = NOW + 3600;
  const at = (seconds: number) => new Date(seconds * 1000);
  const verifier = (clockToleranceS?: number) =>
    new JwtVerifier({
      auth: {
        jwtSecret: SECRET,
        maxTokenLifetimeS: 24 * 3600,
        clockToleranceS: clockToleranceS ?? CLOCK_TOLERANCE_S,
      },
    } as AppConfig);
  const token = () =>
    new SignJWT({ ...claims, iat: NOW, exp: EXP })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
  const outcomeAt = async (seconds: number, clockToleranceS?: number) =>
    verifier(clockToleranceS)
      .verify(await token(), at(seconds))
      .then(
        () => 'accepted',
        (error: ApiError) => `${error.getStatus()} ${error.message}`,
      );

  it(`counts a token until ${CLOCK_TOLERANCE_S} s after its exp by default, and not a second more`, async () => {
    expect(CLOCK_TOLERANCE_S).toBe(30);
    expect(await outcomeAt(EXP - 1)).toBe('accepted');
    expect(await outcomeAt(EXP + CLOCK_TOLERANCE_S - 1)).toBe('accepted');
    expect(await outcomeAt(EXP + CLOCK_TOLERANCE_S)).toBe('401 The bearer token has expired');
  });

  it('takes the tolerance from AUTH_CLOCK_TOLERANCE_S: none at all with 0', async () => {
    expect(await outcomeAt(EXP - 1, 0)).toBe('accepted');
    expect(await outcomeAt(EXP, 0)).toBe('401 The bearer token has expired');
    expect(await outcomeAt(EXP + 119, 120)).toBe('accepted');
    expect(await outcomeAt(EXP + 120, 120)).toBe('401 The bearer token has expired');
  });

  it('applies the same tolerance to a token issued in the future', () => {
    const future = { ...claims, iat: NOW + 10 };
    expect(() =>
      principalFrom(future, { maxLifetimeS: 24 * 3600, now: NOW, clockToleranceS: 10 }),
    ).not.toThrow();
    expect(() =>
      principalFrom(future, { maxLifetimeS: 24 * 3600, now: NOW, clockToleranceS: 9 }),
    ).toThrow(/issued in the future/);
  });
});
