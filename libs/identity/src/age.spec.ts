import { ageOn } from './age';

describe('ageOn', () => {
  it('counts whole years on the Jakarta day', () => {
    expect(ageOn('1990-05-15', new Date('2026-05-14T12:00:00+07:00'))).toBe(35);
    expect(ageOn('1990-05-15', new Date('2026-05-15T00:00:00+07:00'))).toBe(36);
    // 17:00 UTC on the 14th is already the 15th in Jakarta.
    expect(ageOn('1990-05-15', new Date('2026-05-14T17:00:00Z'))).toBe(36);
  });

  it('makes a 29 February birthday count from 1 March in a common year', () => {
    expect(ageOn('2008-02-29', new Date('2026-02-28T12:00:00+07:00'))).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-03-01T12:00:00+07:00'))).toBe(18);
  });

  it('never gives a negative age', () => {
    expect(ageOn('2030-01-01', new Date('2026-01-01T00:00:00+07:00'))).toBe(0);
  });
});
