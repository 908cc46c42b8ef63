import { scrubIdentityNumbers } from './redaction';

describe('scrubIdentityNumbers', () => {
  it('cuts every 16-digit number to its first four digits', () => {
    expect(scrubIdentityNumbers('nik=3171014501900001 kk 3171010101010001')).toBe(
      'nik=3171************ kk 3171************',
    );
  });

  it('leaves longer and shorter digit runs alone', () => {
    expect(scrubIdentityNumbers('phone 081234567890, id 12345678901234567')).toBe(
      'phone 081234567890, id 12345678901234567',
    );
  });
});
