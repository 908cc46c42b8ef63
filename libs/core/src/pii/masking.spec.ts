import { maskIdentityNumbers, maskNik } from './masking';

describe('maskIdentityNumbers', () => {
  it('masks every NIK or KK number in a text as maskNik does, grouped or not', () => {
    expect(maskIdentityNumbers('nik 3171014501900001, kk 3171-0101-0101-0001.')).toBe(
      `nik ${maskNik('3171014501900001')}, kk 3171********0001.`,
    );
  });

  it('masks longer runs of digits too (two numbers run together), keeping only the last two', () => {
    expect(maskIdentityNumbers('31710145019000013171010101010001')).toBe(`${'*'.repeat(30)}01`);
  });

  it('leaves codes, dates, line numbers and phone numbers alone', () => {
    const text = 'line 52: kelurahan_code 31.71.01.1001 on 2026-11-23, phone 081234567890';
    expect(maskIdentityNumbers(text)).toBe(text);
  });
});
