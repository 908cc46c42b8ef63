import { maskContactData, maskIdentityNumbers, maskNik } from './masking';

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

describe('maskContactData', () => {
  it('masks identity numbers, phone numbers in their usual shapes and e-mail addresses', () => {
    const text =
      'Hubungi 0812-3456-7890 atau +62 813 1111 2222, surel budi.s@mail.co.id, NIK 3171014501900001.';
    expect(maskContactData(text)).toBe(
      'Hubungi 0812*****890 atau 6281******222, surel b***@mail.co.id, NIK 3171********0001.',
    );
  });

  it('leaves codes, dates, money and counts alone', () => {
    const text = 'RT 003/RW 05, 31.71.01.1001, 2026-11-23, Rp 1.250.000, 12 KK terdampak';
    expect(maskContactData(text)).toBe(text);
  });
});
