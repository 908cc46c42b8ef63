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

/**
 * CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. With
 * `children`, also what its children that have exited used: PostgreSQL's autovacuum workers and
 * closed connections, whose own counters vanish with them.
 */
function processCpuSeconds(pid: number | string, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name may hold spaces: the fields are counted from its closing parenthesis.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const own = fields[11] + fields[12];
    return (children ? own + fields[13] + fields[14] : own) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process named `name` and the children it reaped. */
function cpuSecondsOfAll(name: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name)
        total += processCpuSeconds(pid, true);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * PostgreSQL's CPU seconds so far, in two: each connection's (the statements sent), by process id,
 * and the rest — the WAL writer, the checkpointer, autovacuum and whatever the postmaster reaped
 * (autovacuum workers, closed connections), which `cpuSecondsOfAll` would lose with them.
 */
function postgresCpuSeconds(): { connections: Map<string, number>; background: number } {
  const seconds = { connections: new Map<string, number>(), background: 0 };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // A connection's title names its client: "… <user> <database> 127.0.0.1(41234) idle".
      if (/ (\[local\]|[\d.:a-f]+\(\d+\))( |$)/.test(title))
        seconds.connections.set(pid, processCpuSeconds(pid));
      else seconds.background += processCpuSeconds(pid, true);
    } catch {
      // gone meanwhile
    }
  }
  return seconds;
}

/**
 * PostgreSQL's CPU between two readings. A connection that closed meanwhile is counted by the
 * postmaster's reaped children with its whole life, so its part before the first reading is taken
 * off there; what it used during the run stays in the background's share.
 */
function postgresCpuBetween(
  start: ReturnType<typeof postgresCpuSeconds>,
  end: ReturnType<typeof postgresCpuSeconds>,
): { postgresQueries: number; postgresBackground: number } {
  let queries = 0;
  for (const [pid, seconds] of end.connections)
    queries += seconds - (start.connections.get(pid) ?? 0);
  let closedBefore = 0;
  for (const [pid, seconds] of start.connections)
    if (!end.connections.has(pid)) closedBefore += seconds;
  return {
    postgresQueries: queries,
    postgresBackground: end.background - start.background - closedBefore,
  };
}

function cpuOfThisProcess(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * CPU milliseconds per item (request, transaction, ticket routed) by process, from a meter's
 * seconds: `{ apiCpuMsEach, workerCpuMsEach, …, totalCpuMsEach }`.
 */
export function cpuMsEach(used: Record<string, number>, items: number): Record<string, number> {
  const each = Object.entries(used).map(([key, seconds]) => [
    key.replace('CpuS', 'CpuMsEach'),
    Math.round(((seconds * 1000) / items) * 100) / 100,
  ]);
  const total = Object.values(used).reduce((sum, seconds) => sum + seconds, 0);
  return {
    ...Object.fromEntries(each),
    totalCpuMsEach: Math.round(((total * 1000) / items) * 100) / 100,
  };
}

/**
 * Where a run's CPU went: the API, the worker, PostgreSQL's connections and its background,
 * Redis and this benchmark process.
 */
export function cpuMeter(apiPid: number, workerPid: number): () => Record<string, number> {
  const read = () => ({
    api: processCpuSeconds(apiPid),
    worker: processCpuSeconds(workerPid),
    postgres: postgresCpuSeconds(),
    redis: cpuSecondsOfAll('redis-server'),
    client: cpuOfThisProcess(),
  });
  const start = read();
  return () => {
    const end = read();
    const used = {
      api: end.api - start.api,
      worker: end.worker - start.worker,
      ...postgresCpuBetween(start.postgres, end.postgres),
      redis: end.redis - start.redis,
      client: end.client - start.client,
    };
    return Object.fromEntries(
      Object.entries(used).map(([key, value]) => [`${key}CpuS`, Math.round(value * 10) / 10]),
    );
  };
}
