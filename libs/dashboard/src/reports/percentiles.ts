/** Durations up to 2^26 s (about two years) are told apart in the first pass; longer ones share its last bucket. */
const BUCKET_BITS = 10;
const BUCKETS = 1 << 16;

/**
 * Nearest-rank percentiles (PostgreSQL's percentile_disc: the smallest value with at least share
 * `p` of the values at or below it) of whole seconds, exactly, in linear time: a first pass counts
 * the values per 1,024-second bucket, the rank's bucket is found by summing, and only the values
 * in that bucket are sorted. Sorting a million durations for two numbers would cost more than
 * the rest of the summary, and a selection algorithm with a comparator callback nearly as much.
 */
export function percentiles(values: Uint32Array, shares: number[]): (number | null)[] {
  const n = values.length;
  if (!n) return shares.map(() => null);
  const counts = new Uint32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[Math.min(values[i] >>> BUCKET_BITS, BUCKETS - 1)]++;
  // For each share: its bucket, and how many values lie in the buckets below.
  const wanted = shares.map((p) => {
    const rank = Math.max(0, Math.ceil(p * n) - 1);
    let below = 0;
    let bucket = 0;
    while (below + counts[bucket] <= rank) below += counts[bucket++];
    return { rank, below, bucket };
  });
  // One more pass gathers the values of those (one or two) buckets; only they are sorted.
  const slotOf = new Uint8Array(BUCKETS); // bucket → its place in `members`, plus one
  const members: Uint32Array[] = [];
  for (const w of wanted) {
    if (!slotOf[w.bucket]) slotOf[w.bucket] = members.push(new Uint32Array(counts[w.bucket]));
  }
  const filled = new Uint32Array(members.length);
  for (let i = 0; i < n; i++) {
    const slot = slotOf[Math.min(values[i] >>> BUCKET_BITS, BUCKETS - 1)];
    if (slot) members[slot - 1][filled[slot - 1]++] = values[i];
  }
  for (const sorted of members) sorted.sort();
  return wanted.map((w) => members[slotOf[w.bucket] - 1][w.rank - w.below]);
}

/** Median and 90th percentile of durations in seconds, as hours with two decimals. */
export function hoursSummary(seconds: Uint32Array): {
  median: number | null;
  p90: number | null;
  count: number;
} {
  const hours = (value: number | null) => (value === null ? null : Math.round(value / 36) / 100);
  const [median, p90] = percentiles(seconds, [0.5, 0.9]);
  return { median: hours(median), p90: hours(p90), count: seconds.length };
}
