/**
 * Codes (kelurahan, channels, categories, units, statuses) as small integers, so a ticket's
 * facts fit in typed arrays. Number 0 means "none"; codes seen for the first time are added.
 */
export class CodeIndex {
  readonly codes: string[] = [''];
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly max: number,
    known: Iterable<string> = [],
  ) {
    for (const code of known) this.numberOf(code);
  }

  /** The number of `code`, adding it when new; 0 for no code. */
  numberOf(code: string | null | undefined): number {
    if (!code) return 0;
    let number = this.numbers.get(code);
    if (number === undefined) {
      if (this.codes.length > this.max) throw new Error(`More than ${this.max} codes`);
      number = this.codes.length;
      this.codes.push(code);
      this.numbers.set(code, number);
    }
    return number;
  }

  /** The number of a known code, or undefined (never adds: for filters). */
  find(code: string): number | undefined {
    return this.numbers.get(code);
  }

  get size(): number {
    return this.codes.length;
  }
}
