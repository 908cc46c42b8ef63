import { cycleFor, cyclesFrom, endOfJakartaDay } from './prelist-cycles';

describe('prelist cycles (75/2023 §3.1.4)', () => {
  const dates = ['06-30', '12-31'];

  it('puts the cut-off two months before the determination', () => {
    expect(cyclesFrom(2026, dates).slice(0, 2)).toEqual([
      { id: '2026-06-30', determination: '2026-06-30', cutOff: '2026-04-30' },
      { id: '2026-12-31', determination: '2026-12-31', cutOff: '2026-10-31' },
    ]);
    expect(cyclesFrom(2027, ['04-30', '10-31'])[0].cutOff).toBe('2027-02-28');
  });

  it('takes the first cycle whose cut-off has not passed, in Jakarta time', () => {
    expect(cycleFor(new Date('2026-04-30T16:59:59Z'), dates).id).toBe('2026-06-30');
    // 00:00 on 1 May in Jakarta: April's cut-off has passed.
    expect(cycleFor(new Date('2026-04-30T17:00:00Z'), dates).id).toBe('2026-12-31');
    expect(cycleFor(new Date('2026-11-02T00:00:00Z'), dates).id).toBe('2027-06-30');
  });

  it('ends a cut-off day at midnight in Jakarta', () => {
    expect(endOfJakartaDay('2026-04-30').toISOString()).toBe('2026-04-30T16:59:59.999Z');
  });
});
