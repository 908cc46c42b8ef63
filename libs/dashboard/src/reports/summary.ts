import { CodeIndex } from '../facts/code-index';
import { CONFIDENTIAL, MET, MISSED, OVERDUE, TicketFacts } from '../facts/ticket-facts';
import { hoursSummary } from './percentiles';
import { HttpStatus } from '@nestjs/common';
import { ApiError, bilingual, DAY_S, JAKARTA_OFFSET_S, jakartaDay, jakartaIso } from '@crm/core';

export const CLOSED_STATUSES = ['selesai', 'ditolak'];
/** Key of the tickets without a kota or category (outside Jakarta, not yet categorised). */
export const NONE_KEY = 'none';

export interface Compliance {
  met: number;
  missed: number;
  /** met / (met + missed), 4 decimals; null when no deadline was decided */
  share: number | null;
}

export interface TicketFigures {
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
  byKota: Record<string, number>;
  /** Inspektorat complaints: in total, byStatus and byChannel only, never by place or topic. */
  confidential: number;
  open: number;
  overdue: number;
  hoursToFirstResponse: { median: number | null; p90: number | null; count: number };
  hoursToClose: { median: number | null; p90: number | null; count: number };
  slaCompliance: Record<string, Compliance & { byClock: Record<string, Compliance> }>;
  trend: {
    interval: 'day' | 'week';
    points: { start: string; received: number; closed: number }[];
  };
}

/**
 * Points a trend may have: 1,000 days or 1,000 weeks (about 19 years), some 50 kB. Without a
 * bound, a daily trend from 1970 to 2105 answered 2.3 MB (and was remembered 200 times over).
 */
export const MAX_TREND_POINTS = 1_000;

const dateOf = (day: number) => jakartaIso(day * DAY_S - JAKARTA_OFFSET_S).slice(0, 10);
const count = (n: number) => n.toLocaleString('en-US');
const hitungan = (n: number) => n.toLocaleString('id-ID');

/** 400 naming the longest range the interval allows, and what to ask for instead. */
function trendTooLong(
  interval: 'day' | 'week',
  buckets: number,
  firstDay: number,
  lastDay: number,
): ApiError {
  const unit = interval === 'day' ? 'days' : 'weeks';
  const satuan = interval === 'day' ? 'hari' : 'minggu';
  return new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    bilingual(
      `Tren per ${satuan} mencakup paling banyak ${hitungan(MAX_TREND_POINTS)} ${satuan}; ` +
        `${dateOf(firstDay)} sampai ${dateOf(lastDay)} adalah ${hitungan(buckets)} ${satuan}: ` +
        (interval === 'day' ? 'pakai interval=week atau ' : 'pakai ') +
        'rentang tanggal (from, to) yang lebih pendek',
      `The trend covers at most ${count(MAX_TREND_POINTS)} ${unit} by ${interval}; ` +
        `${dateOf(firstDay)} to ${dateOf(lastDay)} is ${count(buckets)} ${unit}: ask for ` +
        (interval === 'day' ? 'interval=week or ' : '') +
        'a shorter range (from, to)',
    ),
  );
}

const share = (met: number, missed: number) =>
  met + missed ? Math.round((met / (met + missed)) * 10_000) / 10_000 : null;

function keyed(
  index: CodeIndex,
  counts: Uint32Array,
  zeros: Iterable<string>,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const code of zeros) result[code] = 0;
  for (let n = 1; n < index.size; n++) if (counts[n]) result[index.codes[n]] = counts[n];
  if (counts[0]) result[NONE_KEY] = counts[0];
  return result;
}

/** Every figure of the summary but the not-in-database path, in one pass over the selection. */
export function ticketFigures(
  facts: TicketFacts,
  selection: Uint32Array,
  range: { from: number; to: number },
  now: number,
  options: { interval?: 'day' | 'week'; known: { channels: string[]; categories: string[] } },
): TicketFigures {
  const { status, channel, category, kelurahanNo, flags, due, responded, closed, created } = facts;
  const byStatus = new Uint32Array(facts.statuses.size);
  const byChannel = new Uint32Array(facts.channels.size);
  const byCategory = new Uint32Array(facts.categories.size);
  const byKota = new Uint32Array(facts.kota.size);
  const responses = new Uint32Array(selection.length);
  const closings = new Uint32Array(selection.length);
  const isOpen = Uint8Array.from(facts.statuses.codes, (code) =>
    code && !CLOSED_STATUSES.includes(code) ? 1 : 0,
  );

  // Trend buckets: from the first selected day (or `from`) to the last (or `to`).
  const n = selection.length;
  let first = Infinity;
  let last = -Infinity;
  for (let s = 0; s < n; s++) {
    const at = created[selection[s]];
    if (at < first) first = at;
    if (at > last) last = at;
  }
  const firstDay = jakartaDay(range.from > 0 ? range.from : first);
  const lastDay = jakartaDay(range.to < 0xffffffff ? range.to - 1 : Math.max(last, now));
  // firstDay..lastDay holds lastDay - firstDay + 1 days: daily points up to 92 of them.
  const interval = options.interval ?? (lastDay - firstDay + 1 > 92 ? 'week' : 'day');
  // Weeks start on Monday (1970-01-01 was a Thursday).
  const bucketStart = (day: number) => (interval === 'day' ? day : day - ((day + 3) % 7));
  const firstBucket = bucketStart(Number.isFinite(firstDay) ? firstDay : jakartaDay(now));
  const step = interval === 'day' ? 1 : 7;
  const buckets = Number.isFinite(lastDay)
    ? Math.max(0, Math.floor((bucketStart(lastDay) - firstBucket) / step) + 1)
    : 0;
  if (buckets > MAX_TREND_POINTS) throw trendTooLong(interval, buckets, firstBucket, lastDay);
  const received = new Uint32Array(buckets);
  const closedIn = new Uint32Array(buckets);
  // firstBucket is a bucket's first day, so a day's bucket is a plain division (inlined below:
  // this loop runs once per selected ticket).
  const dayZero = firstBucket * DAY_S - JAKARTA_OFFSET_S;
  const bucketSeconds = step * DAY_S;

  const { kotaOf } = facts;
  let open = 0;
  let overdue = 0;
  let confidential = 0;
  let r = 0;
  let c = 0;
  for (let s = 0; s < n; s++) {
    const i = selection[s];
    const st = status[i];
    const at = created[i];
    byStatus[st]++;
    byChannel[channel[i]]++;
    if (flags[i] & CONFIDENTIAL) {
      confidential++;
    } else {
      byCategory[category[i]]++;
      byKota[kotaOf[kelurahanNo[i]]]++;
    }
    if (isOpen[st]) {
      open++;
      if (flags[i] & OVERDUE || (due[i] && due[i] < now)) overdue++;
    }
    const answeredAt = responded[i];
    if (answeredAt) responses[r++] = answeredAt > at ? answeredAt - at : 0;
    const closedAt = closed[i];
    if (closedAt) {
      closings[c++] = closedAt > at ? closedAt - at : 0;
      const bucket = Math.floor((closedAt - dayZero) / bucketSeconds);
      if (bucket >= 0 && bucket < buckets) closedIn[bucket]++;
    }
    received[Math.floor((at - dayZero) / bucketSeconds)]++;
  }

  return {
    total: selection.length,
    byStatus: keyed(facts.statuses, byStatus, facts.statuses.codes.slice(1)),
    byChannel: keyed(facts.channels, byChannel, options.known.channels),
    byCategory: keyed(facts.categories, byCategory, options.known.categories),
    byKota: keyed(facts.kota, byKota, facts.kota.codes.slice(1)),
    confidential,
    open,
    overdue,
    hoursToFirstResponse: hoursSummary(responses.subarray(0, r)),
    hoursToClose: hoursSummary(closings.subarray(0, c)),
    slaCompliance: slaCompliance(facts, selection),
    trend: {
      interval,
      points: Array.from(received, (count, b) => ({
        start: dateOf(firstBucket + b * step),
        received: count,
        closed: closedIn[b],
      })),
    },
  };
}

/** Per unit (and per clock): how many of the selected tickets' deadlines were met. */
function slaCompliance(facts: TicketFacts, selection: Uint32Array): TicketFigures['slaCompliance'] {
  const chosen = new Uint8Array(facts.maxSeq + 1);
  for (let s = 0; s < selection.length; s++) chosen[selection[s]] = 1;
  const clocks = facts.clocks.size;
  const met = new Uint32Array(facts.units.size * clocks);
  const missed = new Uint32Array(facts.units.size * clocks);
  const { outcomeTicket, outcomeUnit, outcomeClock, outcomeMet } = facts;
  for (let j = 1, last = facts.maxOutcome; j <= last; j++) {
    const result = outcomeMet[j];
    if (!result || !chosen[outcomeTicket[j]]) continue;
    const cell = outcomeUnit[j] * clocks + outcomeClock[j];
    if (result === MET) met[cell]++;
    else if (result === MISSED) missed[cell]++;
  }
  const result: TicketFigures['slaCompliance'] = {};
  for (let u = 1; u < facts.units.size; u++) {
    let unitMet = 0;
    let unitMissed = 0;
    const byClock: Record<string, Compliance> = {};
    for (let k = 1; k < clocks; k++) {
      const cell = u * clocks + k;
      if (!met[cell] && !missed[cell]) continue;
      byClock[facts.clocks.codes[k]] = {
        met: met[cell],
        missed: missed[cell],
        share: share(met[cell], missed[cell]),
      };
      unitMet += met[cell];
      unitMissed += missed[cell];
    }
    if (unitMet + unitMissed) {
      result[facts.units.codes[u]] = {
        met: unitMet,
        missed: unitMissed,
        share: share(unitMet, unitMissed),
        byClock,
      };
    }
  }
  return result;
}
