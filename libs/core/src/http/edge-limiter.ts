/**
 * Counts events per key in fixed windows, in this process's memory: synchronous and without a
 * timer per key, so it can sit in front of everything else at the edge. A window's counts are
 * dropped whole when it ends; `maxKeys` bounds the memory a flood of new keys can take (past it,
 * unknown keys count as over the limit until the window ends — refusing is the safe side).
 */
export class FixedWindowCounter {
  private counts = new Map<string, number>();
  private windowEndsAt = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds one event for `key`; returns its count in the current window. */
  hit(key: string): number {
    this.roll();
    const current = this.counts.get(key);
    if (current === undefined && this.counts.size >= this.maxKeys) return Number.MAX_SAFE_INTEGER;
    const next = (current ?? 0) + 1;
    this.counts.set(key, next);
    return next;
  }

  /** The count of `key` in the current window. */
  count(key: string): number {
    this.roll();
    return this.counts.get(key) ?? 0;
  }

  /** Whole seconds until the current window ends (for `Retry-After`). */
  secondsLeft(): number {
    return Math.max(1, Math.ceil((this.windowEndsAt - this.now()) / 1000));
  }

  private roll(): void {
    const now = this.now();
    if (now < this.windowEndsAt) return;
    this.counts = new Map();
    this.windowEndsAt = now + this.windowMs;
  }
}
