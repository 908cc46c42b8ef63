/**
 * The WHERE clause of a list, started from the caller's scope: a list can only be built from
 * one, so none can forget it. Filters are added with bound parameters (`$n`).
 */
export class ScopedQuery {
  private constructor(
    private readonly conditions: string[],
    readonly params: unknown[],
  ) {}

  /** A scope as SQL over the list's table alias, its parameters numbered from $1. */
  static within(scope: { sql: string; params: unknown[] }): ScopedQuery {
    return new ScopedQuery([scope.sql], [...scope.params]);
  }

  /** Adds a condition; `sql` receives the placeholder of `value`. */
  and(sql: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.conditions.push(sql(`$${this.params.length}`));
    return this;
  }

  /** Adds a condition without a value. */
  andThat(sql: string): this {
    this.conditions.push(sql);
    return this;
  }

  get where(): string {
    return this.conditions.map((condition) => `(${condition})`).join(' AND ');
  }
}
