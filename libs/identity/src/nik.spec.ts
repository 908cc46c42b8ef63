import { parseKk, parseNik } from './nik';

const TODAY = new Date('2026-11-23T00:00:00Z');

describe('NIK', () => {
  it('reads a Jakarta man’s NIK', () => {
    expect(parseNik('3171010501900001', TODAY)).toEqual({
      valid: true,
      parts: {
        province: '31',
        kota: '31.71',
        kecamatan: '31.71.01',
        sex: 'L',
        birthDate: '1990-01-05',
        serial: '0001',
      },
    });
  });

  it('reads a woman’s NIK (day + 40) and a birth in this century', () => {
    expect(parseNik('3174024512050123', TODAY)).toMatchObject({
      valid: true,
      parts: { sex: 'P', birthDate: '2005-12-05', kecamatan: '31.74.02' },
    });
  });

  it('accepts a NIK from another province', () => {
    expect(parseNik('3273012307850002', TODAY)).toMatchObject({
      valid: true,
      parts: { province: '32', kota: '32.73', sex: 'L', birthDate: '1985-07-23' },
    });
  });

  it.each([
    ['317101050190001', 'exactly 16 digits'],
    ['31710105019000a1', 'exactly 16 digits'],
    ['2071010501900001', '20 is not an Indonesian province code'],
    ['3176010501900001', '31.76 is not a kota of DKI Jakarta'],
    ['3171013201900001', 'not a date of birth'],
    ['3171017202900001', 'not a date of birth'], // 32 February for a woman
    ['3171012902010001', 'not a date of birth'], // 29 Feb 2001 does not exist
    ['3171010513900001', 'not a date of birth'], // month 13
    ['3171010501900000', 'serial (last 4 digits) is 0000'],
  ])('refuses %s: %s', (nik, reason) => {
    const parsed = parseNik(nik, TODAY);
    expect(parsed.valid).toBe(false);
    expect(parsed.valid === false && parsed.reason.en).toContain(reason);
  });

  it('takes the latest century that does not put the birth in the future', () => {
    expect(parseNik('3171010101270001', TODAY)).toMatchObject({
      parts: { birthDate: '1927-01-01' },
    });
    expect(parseNik('3171012211260001', TODAY)).toMatchObject({
      parts: { birthDate: '2026-11-22' },
    });
    expect(parseNik('3171012411260001', TODAY)).toMatchObject({
      parts: { birthDate: '1926-11-24' },
    });
  });
});

describe('KK number', () => {
  it('reads and refuses like a NIK, without the +40', () => {
    expect(parseKk('3171011203150007', TODAY)).toMatchObject({
      valid: true,
      parts: { issuedOn: '2015-03-12', kota: '31.71' },
    });
    expect(parseKk('3171015203150007', TODAY).valid).toBe(false);
    expect(parseKk('3171011203150000', TODAY).valid).toBe(false);
  });
});
