import { FixedWindowCounter } from './edge-limiter';

describe('FixedWindowCounter', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => (clock = 1_000_000));

  it('counts per key within a window and forgets at its end', () => {
    const counter = new FixedWindowCounter(60_000, 10, now);
    expect(counter.hit('a')).toBe(1);
    expect(counter.hit('a')).toBe(2);
    expect(counter.hit('b')).toBe(1);
    expect(counter.count('a')).toBe(2);
    clock += 59_999;
    expect(counter.count('a')).toBe(2);
    expect(counter.secondsLeft()).toBe(1);
    clock += 1;
    expect(counter.count('a')).toBe(0);
  });

  it('treats new keys as over the limit once it holds maxKeys', () => {
    const counter = new FixedWindowCounter(60_000, 2, now);
    counter.hit('a');
    counter.hit('b');
    expect(counter.hit('c')).toBe(Number.MAX_SAFE_INTEGER);
    expect(counter.hit('a')).toBe(2);
    clock += 60_000;
    expect(counter.hit('c')).toBe(1);
  });
});
