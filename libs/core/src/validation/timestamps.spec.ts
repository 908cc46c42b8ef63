import { isCalendarDate, isInstant } from './timestamps';

describe('isInstant', () => {
  it.each([
    '2026-01-31T08:00:00+07:00',
    '2026-01-31T01:00:00Z',
    '2026-01-31T01:00Z',
    '2026-01-31T01:00:00.123456Z',
    '2024-02-29T23:59:59-03:30',
    '1900-01-01T00:00:00Z',
    '2100-12-31T23:59:59+14:00',
  ])('accepts %s', (value) => expect(isInstant(value)).toBe(true));

  it.each([
    '+009999-01-01T00:00:00Z',
    '-005000-01-01T00:00:00Z',
    '2026-W01',
    '2026-W01-1T00:00:00Z',
    '2026-032T00:00:00Z',
    '2026-01-31',
    '2026-01-31T08:00:00',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-01-31T24:00:00Z',
    '2026-01-31T08:60:00Z',
    '2026-01-31T08:00:60Z',
    '2026-01-31T08:00:00+15:00',
    '1899-12-31T23:59:59Z',
    '2101-01-01T00:00:00Z',
    '',
    20260131,
    null,
  ])('refuses %s', (value) => expect(isInstant(value)).toBe(false));
});

describe('isCalendarDate', () => {
  it('accepts real dates in range and nothing else', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2026-W01')).toBe(false);
    expect(isCalendarDate('+02026-01-01')).toBe(false);
    expect(isCalendarDate('3000-01-01')).toBe(false);
  });
});
