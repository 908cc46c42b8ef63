/** A small seeded PRNG, so benchmark inputs are the same on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Collects result rows and prints them as they come, then as a Markdown table. */
export class Report {
  readonly rows: { suite: string; name: string; values: Record<string, number | string> }[] = [];

  row(suite: string, name: string, values: Record<string, number | string>): void {
    this.rows.push({ suite, name, values });
    console.log(`[${suite}] ${name}: ${JSON.stringify(values)}`);
  }

  markdown(): string {
    return this.rows
      .map(({ suite, name, values }) => {
        const cells = Object.entries(values)
          .map(([key, value]) => `${key} ${typeof value === 'number' ? round(value) : value}`)
          .join(', ');
        return `| ${suite} | ${name} | ${cells} |`;
      })
      .join('\n');
  }
}

function round(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
