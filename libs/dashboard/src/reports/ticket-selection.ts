import { HttpStatus } from '@nestjs/common';
import { ApiError, Bilingual, bilingual } from '@crm/core';
import { TicketFacts } from '../facts/ticket-facts';
import { DashboardFilterQuery } from '../dashboard-query.dto';
import { boundOf } from '@crm/core';

/** A dashboard filter resolved against the index's numbers. */
export interface TicketFilter {
  /** Received in [from, to), Unix seconds. */
  from: number;
  to: number;
  /** Allowed kelurahan numbers, or null for all (and tickets without a kelurahan). */
  kelurahan: Uint8Array | null;
  channel: number;
  category: number;
  unit: number;
  /** A filter on a code no ticket has: nothing can match. */
  empty: boolean;
}

const badRequest = (code: string, message: Bilingual) =>
  new ApiError(HttpStatus.BAD_REQUEST, code, message);

/**
 * Resolves a query's filters. Region codes must be real (400 otherwise); a channel, category or
 * unit the index has never seen simply matches nothing.
 */
export function resolveFilter(
  facts: TicketFacts,
  query: DashboardFilterQuery,
  range?: { from: number; to: number },
): TicketFilter {
  const from = range?.from ?? (query.from ? boundOf(query.from, false) : 0);
  const to = range?.to ?? (query.to ? boundOf(query.to, true) : 0xffffffff);
  const notADate = (field: 'from' | 'to') =>
    badRequest(
      'VALIDATION_FAILED',
      bilingual(
        `${field} bukan tanggal yang ada: ${query[field]}; periksa tanggal dan bulannya`,
        `${field} is not a real date: ${query[field]}`,
      ),
    );
  if (Number.isNaN(from)) throw notADate('from');
  if (Number.isNaN(to)) throw notADate('to');
  if (from >= to) {
    throw badRequest(
      'VALIDATION_FAILED',
      bilingual(
        'Tanggal from harus sebelum tanggal to; tukar atau perbaiki rentang tanggalnya',
        'from must be before to',
      ),
    );
  }

  let kelurahan: Uint8Array | null = null;
  const region = (level: 'kota' | 'kecamatan' | 'kelurahan', code: string | undefined) => {
    if (!code) return;
    const number = facts[level].find(code);
    if (number === undefined) {
      throw badRequest(
        'UNKNOWN_REGION',
        bilingual(
          `Tidak ada ${level} dengan kode ${code} di DKI Jakarta; periksa kodenya di daftar wilayah (/regions)`,
          `No ${level} with code ${code} in DKI Jakarta`,
        ),
      );
    }
    const allowed = new Uint8Array(facts.kelurahan.size);
    for (let k = 1; k < facts.kelurahan.size; k++) {
      const of =
        level === 'kota' ? facts.kotaOf[k] : level === 'kecamatan' ? facts.kecamatanOf[k] : k;
      if (of === number && (!kelurahan || kelurahan[k])) allowed[k] = 1;
    }
    kelurahan = allowed;
  };
  region('kota', query.kota);
  region('kecamatan', query.kecamatan);
  region('kelurahan', query.kelurahan);

  const known = (index: { find(code: string): number | undefined }, code?: string) =>
    code ? (index.find(code) ?? -1) : 0;
  const channel = known(facts.channels, query.channel);
  const category = known(facts.categories, query.category);
  const unit = known(facts.units, query.unit);
  return {
    from,
    to,
    kelurahan,
    channel,
    category,
    unit,
    empty: channel < 0 || category < 0 || unit < 0,
  };
}

/** The row numbers of the tickets that pass `filter`: one pass over the index. */
export function selectTickets(facts: TicketFacts, filter: TicketFilter): Uint32Array {
  const selected = new Uint32Array(facts.maxSeq + 1);
  if (filter.empty) return selected.subarray(0, 0);
  const { status, created, kelurahanNo, channel, category, unit } = facts;
  const { from, to, kelurahan } = filter;
  let n = 0;
  for (let i = 1; i <= facts.maxSeq; i++) {
    if (!status[i]) continue;
    const at = created[i];
    if (at < from || at >= to) continue;
    if (kelurahan && !kelurahan[kelurahanNo[i]]) continue;
    if (filter.channel && channel[i] !== filter.channel) continue;
    if (filter.category && category[i] !== filter.category) continue;
    if (filter.unit && unit[i] !== filter.unit) continue;
    selected[n++] = i;
  }
  return selected.subarray(0, n);
}
