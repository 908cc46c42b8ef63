import { addWorkingDays, isWorkingDay, jakartaDate } from './working-days';

const none = new Set<string>();

describe('working days (Asia/Jakarta)', () => {
  it('reads the calendar date in Jakarta, not in UTC', () => {
    // 2026-11-20 20:00 UTC is already Saturday 03:00 in Jakarta.
    expect(jakartaDate(new Date('2026-11-20T20:00:00Z'))).toBe('2026-11-21');
  });

  it('skips the weekend', () => {
    // Friday 10:00 WIB + 3 working days → Wednesday 10:00 WIB.
    const friday = new Date('2026-11-20T10:00:00+07:00');
    expect(addWorkingDays(friday, 3, none).toISOString()).toBe(
      new Date('2026-11-25T10:00:00+07:00').toISOString(),
    );
  });

  it('skips a holiday too', () => {
    // Christmas 2026 is a Friday: Wednesday 23 Dec + 3 → Thu 24, (Fri 25 holiday, weekend), Mon 28, Tue 29.
    const holidays = new Set(['2026-12-25']);
    const wednesday = new Date('2026-12-23T09:00:00+07:00');
    expect(addWorkingDays(wednesday, 3, holidays).toISOString()).toBe(
      new Date('2026-12-29T09:00:00+07:00').toISOString(),
    );
    expect(isWorkingDay('2026-12-25', holidays)).toBe(false);
    expect(isWorkingDay('2026-12-24', holidays)).toBe(true);
  });

  it('counts from a weekend as from the Friday before', () => {
    const saturday = new Date('2026-11-21T11:00:00+07:00');
    expect(addWorkingDays(saturday, 1, none).toISOString()).toBe(
      new Date('2026-11-23T11:00:00+07:00').toISOString(),
    );
  });
});
