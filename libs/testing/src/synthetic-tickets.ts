import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Random, seededRandom } from './synthetic-identity';
import { KelurahanIndex, Region } from '@crm/reference';
import { newTrackingNumber } from '@crm/tickets';

export interface SyntheticTicketOptions {
  count: number;
  seed: number;
  /** Tickets are received between these two instants. */
  from: Date;
  to: Date;
  batchSize?: number;
  onBatch?: (written: number) => void;
}

export interface SyntheticTicketResult {
  tickets: number;
  outcomes: number;
}

/** Marks every generated ticket (created_by), so they can be told apart and removed. */
export const SYNTHETIC_CREATOR = 'synthetic-load';

/** How often each channel brings a complaint (JAKI most, as in Jakarta's CRM reports). */
const CHANNEL_WEIGHTS: [string, number][] = [
  ['jaki', 55],
  ['twitter', 5],
  ['facebook', 3],
  ['email', 4],
  ['gubernur-sosmed', 4],
  ['sms', 5],
  ['pendopo-balaikota', 2],
  ['inspektorat', 1],
  ['kantor-walikota', 3],
  ['kantor-camat', 4],
  ['kantor-lurah', 6],
  ['media-massa', 2],
  ['lapor-1708', 6],
];
const CATEGORY_WEIGHTS: [string, number][] = [
  ['air-bersih-sanitasi', 12],
  ['transportasi', 11],
  ['bank-sampah', 9],
  ['kartu-bantuan-sosial', 10],
  ['jaminan-kesehatan', 9],
  ['bantuan-pendidikan', 8],
  ['pangan-bersubsidi', 6],
  ['perumahan', 6],
  ['administrasi-kependudukan', 7],
  ['ketenagakerjaan', 4],
  ['kewirausahaan', 3],
  ['legalitas-lahan', 3],
  ['belum-terdata', 5],
  ['lainnya', 7],
];
/**
 * What a complaint of each category says, in words a search would meet (a few per category, so
 * that a word matches some thousands of a million tickets, as in real use).
 */
const PROBLEMS: Record<string, string[]> = {
  'air-bersih-sanitasi': ['Saluran air tersumbat', 'Air PAM tidak mengalir', 'Got meluap'],
  transportasi: ['Halte rusak', 'Jalan berlubang', 'Lampu lalu lintas mati'],
  'bank-sampah': ['Sampah menumpuk', 'Bank sampah tutup', 'Truk sampah tidak datang'],
  'kartu-bantuan-sosial': ['Kartu lansia belum cair', 'Bantuan sosial terlambat'],
  'jaminan-kesehatan': ['Kartu BPJS ditolak puskesmas', 'Antrean rumah sakit panjang'],
  'bantuan-pendidikan': ['KJP Plus belum cair', 'Seragam sekolah belum diterima'],
  'pangan-bersubsidi': ['Beras murah habis', 'Antrean pangan bersubsidi'],
  perumahan: ['Rusunawa bocor', 'Atap rumah roboh'],
  'administrasi-kependudukan': ['KTP elektronik belum jadi', 'Akta kelahiran terlambat'],
  ketenagakerjaan: ['Pelatihan kerja dibatalkan', 'Upah belum dibayar'],
  kewirausahaan: ['Izin usaha mikro lambat', 'Modal usaha belum cair'],
  'legalitas-lahan': ['Sertifikat tanah tertahan', 'Sengketa batas lahan'],
  'belum-terdata': ['Keluarga miskin belum terdata', 'Lansia terlantar belum terdata'],
  lainnya: ['Pohon tumbang', 'Lampu jalan mati', 'Trotoar rusak'],
};
const STREETS = [
  'Jalan Kebon Sirih',
  'Jalan Medan Merdeka',
  'Jalan Salemba Raya',
  'Jalan Kramat Raya',
  'Jalan Gunung Sahari',
  'Jalan Mangga Besar',
  'Jalan Hayam Wuruk',
  'Jalan Pasar Minggu',
  'Jalan Fatmawati',
  'Jalan Casablanca',
  'Jalan Daan Mogot',
  'Jalan Kyai Tapa',
  'Jalan Pemuda',
  'Jalan Raya Bogor',
  'Jalan Tanjung Priok',
  'Jalan Pluit Raya',
];
const pickOf = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)];
const HOUR = 3600;
const DAY = 24 * HOUR;
const POINTS_PER_KELURAHAN = 24;

const COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['tracking_number', 'text'],
  ['channel_code', 'text'],
  ['request_hash', 'text'],
  ['status', 'text'],
  ['category_code', 'text'],
  ['description', 'text'],
  ['lat', 'float8'],
  ['lon', 'float8'],
  ['address', 'text'],
  ['kelurahan_code', 'text'],
  ['location_method', 'text'],
  ['assigned_unit_code', 'text'],
  ['reported_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['assigned_at', 'timestamptz'],
  ['first_response_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['routed_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['sla_clock', 'text'],
  ['overdue', 'bool'],
  ['escalation_level', 'int'],
  ['registry_status', 'text'],
  ['emergency', 'bool'],
  ['created_by', 'text'],
  ['created_by_role', 'text'],
  ['version', 'int'],
];
const OUTCOME_COLUMNS: [string, string][] = [
  ['complaint_id', 'uuid'],
  ['unit_code', 'text'],
  ['clock', 'text'],
  ['due_at', 'timestamptz'],
  ['decided_at', 'timestamptz'],
  ['met', 'bool'],
];

const insertSql = (table: string, columns: [string, string][], conflict: string) =>
  `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
   SELECT * FROM unnest(${columns.map(([, type], n) => `$${n + 1}::${type}[]`).join(', ')})
   ${conflict}`;

function weighted(pairs: [string, number][]): (random: Random) => string {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  return (random) => {
    let x = random() * total;
    for (const [value, weight] of pairs) if ((x -= weight) < 0) return value;
    return pairs[pairs.length - 1][0];
  };
}

/** A log-normal duration in seconds with the given median (a long right tail, like real queues). */
function lognormal(random: Random, median: number, sigma: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(median * Math.exp(sigma * normal));
}

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));

/**
 * Writes realistic synthetic tickets straight into the database for dashboards, demos and
 * benchmarks: spread over the channels and categories with Jakarta-like weights, over the given
 * period, at points inside real kelurahan; each with a status its age makes plausible, the times
 * of its steps and the SLA outcomes they imply (met or missed). No personal data: no reporter,
 * and every description says it is synthetic. Deterministic for a seed (but for the tracking
 * numbers, which are random as always).
 */
export async function writeSyntheticTickets(
  dataSource: DataSource,
  options: SyntheticTicketOptions,
): Promise<SyntheticTicketResult> {
  const random = seededRandom(options.seed);
  // The texts draw from a stream of their own: the tickets' other facts stay those of the seed.
  const wording = seededRandom(options.seed ^ 0x5eed);
  const regions = (await dataSource.query(
    `SELECT code, name, geometry FROM regions WHERE level = 'kelurahan' ORDER BY code`,
  )) as Pick<Region, 'code' | 'name' | 'geometry'>[];
  const points = samplePoints(regions, random);
  const defaultUnits = new Map(
    (
      (await dataSource.query(`SELECT code, default_unit_code FROM categories`)) as {
        code: string;
        default_unit_code: string;
      }[]
    ).map((row) => [row.code, row.default_unit_code]),
  );
  const channelOf = weighted(CHANNEL_WEIGHTS);
  const categoryOf = weighted(CATEGORY_WEIGHTS);
  const from = Math.floor(options.from.getTime() / 1000);
  const to = Math.floor(options.to.getTime() / 1000);
  const batchSize = options.batchSize ?? 5_000;
  const ticketSql = insertSql('complaints', COLUMNS, 'ON CONFLICT DO NOTHING RETURNING 1');
  // A deadline decided twice (a follow-up late after a rejection) keeps its first decision.
  const outcomeSql = insertSql(
    'sla_outcomes',
    OUTCOME_COLUMNS,
    'ON CONFLICT DO NOTHING RETURNING 1',
  );
  let tickets = 0;
  let outcomes = 0;

  for (let start = 0; start < options.count; start += batchSize) {
    const rows: unknown[][] = COLUMNS.map(() => []);
    const outcomeRows: unknown[][] = OUTCOME_COLUMNS.map(() => []);
    const outcome = (id: string, unit: string, clock: string, due: number, at: number) => {
      const values = [id, unit, clock, iso(due), iso(at), at <= due];
      values.forEach((value, c) => outcomeRows[c].push(value));
    };
    for (let n = start; n < Math.min(options.count, start + batchSize); n++) {
      const id = randomUUID();
      const created = from + Math.floor(random() * (to - from));
      const channel = channelOf(random);
      const confidential = channel === 'inspektorat';
      // Review clocks bind Diskominfo, or the Inspektorat for its own complaints (sla-outcomes.ts).
      const reviewer = confidential ? 'inspektorat' : 'diskominfo';
      const category = confidential ? 'perilaku-aparatur' : categoryOf(random);
      const region = regions[Math.floor(random() * regions.length)];
      const [lat, lon] = points[region.code][Math.floor(random() * POINTS_PER_KELURAHAN)];
      const geotagged = channel === 'jaki';
      const toAgency = confidential || random() < 0.25;
      const unit = toAgency ? defaultUnits.get(category)! : region.code;

      // The steps' times; the status is how far the ticket got by `to`.
      const assigned = created + 60 + Math.floor(random() * 30 * 60);
      const accepted = assigned + lognormal(random, toAgency ? 4 * HOUR : 3 * HOUR, 1);
      const followedUp = accepted + lognormal(random, toAgency ? 3 * DAY : 14 * HOUR, 0.9);
      const validated = followedUp + lognormal(random, DAY, 0.8);
      const rejected = random() < 0.05;
      const waiting = to - created < 3 * DAY && random() < 0.3;
      let status: string;
      if (waiting) status = 'menunggu';
      else if (rejected) status = 'ditolak';
      else if (validated <= to) status = random() < 0.02 ? 'tl_ditolak' : 'selesai';
      else if (followedUp <= to) status = 'menunggu_validasi';
      else if (accepted <= to) status = 'proses';
      else status = 'disposisi';

      const held = status !== 'menunggu' && status !== 'ditolak';
      const respondDue = assigned + (toAgency ? 6 * HOUR : DAY);
      const resolveDue = assigned + 7 * DAY;
      const validateDue = followedUp + 3 * DAY;
      let clock: string | null = null;
      let due: number | null = null;
      if (status === 'menunggu') [clock, due] = ['forward', created + 3 * DAY];
      if (status === 'disposisi') [clock, due] = [toAgency ? 'coordinate' : 'respond', respondDue];
      if (status === 'proses')
        [clock, due] = toAgency ? ['resolve', resolveDue] : ['respond', respondDue];
      if (status === 'tl_ditolak') {
        [clock, due] = toAgency ? ['resolve', resolveDue] : ['respond', validated + DAY];
      }
      if (status === 'menunggu_validasi') [clock, due] = ['validate', validateDue];
      const overdue = due !== null && due < to;

      // Outcomes of the deadlines already decided by `to`.
      if (held && status !== 'disposisi') {
        if (toAgency) outcome(id, unit, 'coordinate', respondDue, accepted);
      }
      if (followedUp <= to && held) {
        outcome(
          id,
          unit,
          toAgency ? 'resolve' : 'respond',
          toAgency ? resolveDue : respondDue,
          followedUp,
        );
      }
      if (status === 'selesai' || status === 'tl_ditolak') {
        outcome(id, reviewer, 'validate', validateDue, validated);
      }
      if (overdue && clock) {
        const owner = clock === 'forward' || clock === 'validate' ? reviewer : unit;
        outcome(id, owner, clock, due!, due!);
      }

      const checked = category === 'belum-terdata' && random() < 0.7;
      const registry = !checked
        ? null
        : random() < 0.2
          ? 'registered_receiving'
          : random() < 0.3
            ? 'registered_not_receiving'
            : 'not_registered';
      const values = [
        id,
        newTrackingNumber(),
        channel,
        id.replace(/-/g, '').padEnd(64, '0'),
        status,
        category,
        `[DATA SINTETIS] ${pickOf(wording, PROBLEMS[category] ?? PROBLEMS.lainnya)} di ` +
          `${pickOf(wording, STREETS)} (contoh nomor ${n + 1}); bukan laporan warga.`,
        geotagged && !confidential ? lat : null,
        geotagged && !confidential ? lon : null,
        geotagged || confidential ? null : `Kel. ${region.name}`,
        confidential ? null : region.code,
        confidential ? null : geotagged ? 'contains' : 'address',
        status === 'menunggu' ? null : unit,
        iso(created),
        iso(created),
        held ? iso(assigned) : null,
        held && accepted <= to && status !== 'disposisi' ? iso(accepted) : null,
        status === 'selesai' ? iso(validated) : status === 'ditolak' ? iso(created + HOUR) : null,
        iso(created + 5),
        iso(due),
        clock,
        overdue,
        overdue ? 1 : 0,
        registry,
        checked && registry === 'not_registered' && random() < 0.1,
        SYNTHETIC_CREATOR,
        'operator',
        1,
      ];
      values.forEach((value, c) => rows[c].push(value));
    }
    await dataSource.transaction(async (manager) => {
      tickets += ((await manager.query(ticketSql, rows)) as unknown[]).length;
      if (outcomeRows[0].length) {
        outcomes += ((await manager.query(outcomeSql, outcomeRows)) as unknown[]).length;
      }
    });
    options.onBatch?.(Math.min(options.count, start + batchSize));
  }
  return { tickets, outcomes };
}

/** A few points inside each kelurahan, each repeated as needed to make POINTS_PER_KELURAHAN. */
function samplePoints(
  regions: Pick<Region, 'code' | 'geometry'>[],
  random: Random,
): Record<string, [number, number][]> {
  const index = new KelurahanIndex(
    regions.filter((r) => r.geometry).map((r) => ({ code: r.code, geometry: r.geometry! })),
  );
  const result: Record<string, [number, number][]> = {};
  for (const region of regions) {
    const found = pointsInside(index, region, POINTS_PER_KELURAHAN, random);
    if (!found.length) throw new Error(`No point found inside ${region.code}`);
    while (found.length < POINTS_PER_KELURAHAN) found.push(found[found.length % found.length]);
    result[region.code] = found;
  }
  return result;
}

/**
 * Up to `count` random `[lat, lon]` points inside `region` and in no other kelurahan: rejection
 * sampling in the region's bounding box, each candidate checked by the locator's own index.
 */
export function pointsInside(
  index: KelurahanIndex,
  region: Pick<Region, 'code' | 'geometry'>,
  count: number,
  random: Random,
): [number, number][] {
  const geometry = region.geometry!;
  const coordinates = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ).flat(2);
  const lons = coordinates.map((c) => c[0]);
  const lats = coordinates.map((c) => c[1]);
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const found: [number, number][] = [];
  for (let attempt = 0; found.length < count && attempt < 20_000; attempt++) {
    const lon = minLon + random() * (maxLon - minLon);
    const lat = minLat + random() * (maxLat - minLat);
    const inside = index.containing(lat, lon);
    if (inside.length === 1 && inside[0] === region.code) found.push([lat, lon]);
  }
  return found;
}
