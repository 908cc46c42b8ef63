import { RegionDirectory } from '@crm/reference';
import { CONFIDENTIAL, TicketFacts } from '../facts/ticket-facts';
import { jakartaIso, jakartaMidnight } from '@crm/core';
import { NONE_KEY } from './summary';

export const QUARTER_LEVELS = ['provinsi', 'kota', 'kecamatan', 'kelurahan'] as const;
const ROMAN = ['I', 'II', 'III', 'IV'];
const PROVINCE = { code: '31', name: 'DKI Jakarta' };

export interface QuarterFigures {
  /** Received in the quarter. */
  received: number;
  /** Of those, resolved (selesai) by the quarter's end… */
  closed: number;
  /** …without missing a deadline before closing. */
  closedWithinDeadline: number;
  /** Rejected as invalid (ditolak) by the quarter's end. */
  rejected: number;
  /** Neither resolved nor rejected at the quarter's end. */
  stillOpen: number;
  /** Missed at least one deadline by the quarter's end. */
  overdue: number;
}

export interface QuarterRow extends QuarterFigures {
  level: (typeof QUARTER_LEVELS)[number];
  regionCode: string;
  regionName: string;
  kotaCode: string | null;
  category: string;
  channel: string;
}

const FIGURES = 6;

/** Triwulan `quarter` of `year` in Jakarta time: [from, to) as Unix seconds. */
export function quarterRange(year: number, quarter: number): { from: number; to: number } {
  return {
    from: jakartaMidnight(year, (quarter - 1) * 3, 1),
    to: jakartaMidnight(year, quarter * 3, 1),
  };
}

/**
 * The TKPK's quarterly complaint table: per province, kota, kecamatan and kelurahan × programme
 * category × channel (rows with nothing received left out). Inspektorat complaints appear only
 * in the province row of their channel, without category. Figures are as of the quarter's end
 * (or now, for the running quarter).
 */
export function quarterlyReport(
  facts: TicketFacts,
  regions: RegionDirectory,
  year: number,
  quarter: number,
  now: number,
): { triwulan: string; from: string; to: string; totals: QuarterFigures; rows: QuarterRow[] } {
  const { from, to } = quarterRange(year, quarter);
  const asAt = Math.min(to, now);
  const selesai = facts.statuses.find('selesai')!;
  const ditolak = facts.statuses.find('ditolak')!;
  // One counter block per (level, region number, category, channel).
  const cells = new Map<number, Uint32Array>();
  const totals = new Uint32Array(FIGURES);
  const add = (
    level: number,
    region: number,
    category: number,
    channel: number,
    f: Uint32Array,
  ) => {
    const key = ((level * 65_536 + region) * 256 + category) * 256 + channel;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = new Uint32Array(FIGURES)));
    for (let x = 0; x < FIGURES; x++) cell[x] += f[x];
  };
  const f = new Uint32Array(FIGURES);
  for (let i = 1; i <= facts.maxSeq; i++) {
    const created = facts.created[i];
    if (!facts.status[i] || created < from || created >= to) continue;
    const closedAt = facts.closed[i];
    const closedBy = closedAt > 0 && closedAt < asAt;
    const isClosed = closedBy && facts.status[i] === selesai;
    const isRejected = closedBy && facts.status[i] === ditolak;
    const miss = facts.firstMiss[i];
    f[0] = 1;
    f[1] = isClosed ? 1 : 0;
    f[2] = isClosed && !(miss && miss <= closedAt) ? 1 : 0;
    f[3] = isRejected ? 1 : 0;
    f[4] = isClosed || isRejected ? 0 : 1;
    f[5] = miss && miss < asAt ? 1 : 0;
    for (let x = 0; x < FIGURES; x++) totals[x] += f[x];
    const k = facts.kelurahanNo[i];
    const category = facts.category[i];
    const channel = facts.channel[i];
    add(0, 0, category, channel, f);
    if (k && !(facts.flags[i] & CONFIDENTIAL)) {
      add(1, facts.kotaOf[k], category, channel, f);
      add(2, facts.kecamatanOf[k], category, channel, f);
      add(3, k, category, channel, f);
    }
  }

  const indexes = [null, facts.kota, facts.kecamatan, facts.kelurahan];
  const rows: QuarterRow[] = [];
  for (const [key, cell] of cells) {
    const channel = key % 256;
    const category = Math.floor(key / 256) % 256;
    const region = Math.floor(key / 65_536) % 65_536;
    const level = Math.floor(key / 65_536 / 65_536);
    const code = level === 0 ? PROVINCE.code : indexes[level]!.codes[region];
    const kota = level === 0 ? null : regions.ancestors(code).kota;
    rows.push({
      level: QUARTER_LEVELS[level],
      regionCode: code,
      regionName: level === 0 ? PROVINCE.name : (regions.get(code)?.name ?? code),
      kotaCode: kota?.code ?? null,
      category: facts.categories.codes[category] || NONE_KEY,
      channel: facts.channels.codes[channel],
      ...figuresOf(cell),
    });
  }
  const order = (row: QuarterRow) => QUARTER_LEVELS.indexOf(row.level);
  rows.sort(
    (a, b) =>
      order(a) - order(b) ||
      a.regionCode.localeCompare(b.regionCode) ||
      a.category.localeCompare(b.category) ||
      a.channel.localeCompare(b.channel),
  );
  return {
    triwulan: ROMAN[quarter - 1],
    from: jakartaIso(from),
    to: jakartaIso(to),
    totals: figuresOf(totals),
    rows,
  };
}

function figuresOf(cell: Uint32Array): QuarterFigures {
  return {
    received: cell[0],
    closed: cell[1],
    closedWithinDeadline: cell[2],
    rejected: cell[3],
    stillOpen: cell[4],
    overdue: cell[5],
  };
}
