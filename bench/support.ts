import { readdirSync, readFileSync } from 'node:fs';
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

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's times. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. */
function processCpuSeconds(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name may hold spaces: the fields are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process whose name is `name` (postgres, redis-server). */
function cpuSecondsOfAll(name: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name)
        total += processCpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function cpuOfThisProcess(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Where a run's CPU went: the API, the worker, PostgreSQL, Redis and this benchmark process. */
export function cpuMeter(apiPid: number, workerPid: number): () => Record<string, number> {
  const read = () => ({
    api: processCpuSeconds(apiPid),
    worker: processCpuSeconds(workerPid),
    postgres: cpuSecondsOfAll('postgres'),
    redis: cpuSecondsOfAll('redis-server'),
    client: cpuOfThisProcess(),
  });
  const start = read();
  return () => {
    const end = read();
    return Object.fromEntries(
      Object.entries(end).map(([key, value]) => [
        `${key}CpuS`,
        Math.round((value - start[key as keyof typeof start]) * 10) / 10,
      ]),
    );
  };
}
