import {
  HttpStatus,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, bilingual, describeError } from '@crm/core';
import { REPORTER_TYPES, RESTRICTED_CHANNEL, TICKET_STATUSES } from '@crm/tickets';
import { RegionDirectory } from '@crm/reference';
import { CodeIndex } from './code-index';
import { packProfile } from './reporter-profile';

/** Flags of a ticket. */
export const OVERDUE = 1;
export const EMERGENCY = 2;
/** An Inspektorat complaint: counted, but its region and category are never kept here. */
export const CONFIDENTIAL = 4;

export const REGISTRY_STATUSES = [
  'registered_receiving',
  'registered_not_receiving',
  'not_registered',
] as const;
export const SLA_CLOCKS = ['forward', 'respond', 'coordinate', 'resolve', 'validate'] as const;
export const MET = 1;
export const MISSED = 2;

/** How often the index looks for changed tickets, and the most it may lag behind. */
const SYNC_MS = 5_000;
export const MAX_STALENESS_MS = 60_000;
const BATCH = 50_000;
const INITIAL_CAPACITY = 1 << 16;

/**
 * The oldest transaction start of any session on this database still in a transaction. A ticket
 * written by a transaction that has not committed yet carries an updated_at (its transaction's
 * start) no earlier than this, so the next look from here cannot miss it — whatever the order
 * of commits. Other sessions' xact_start is visible to the same database role, which the
 * service's connections share (a ticket changed by hand under another role without
 * pg_read_all_stats may be missed until the next restart). Only client sessions count:
 * autovacuum's long transactions write no tickets and would hold every look back.
 */
const WATERMARK_SQL = `
  SELECT statement_timestamp()::text AS as_of,
         LEAST(statement_timestamp(), (
           SELECT min(xact_start) FROM pg_stat_activity
            WHERE datname = current_database() AND xact_start IS NOT NULL
              AND backend_type = 'client backend' AND pid <> pg_backend_pid()))::text AS watermark`;

/** Unix seconds as text, '' for none. */
const epoch = (column: string) =>
  `coalesce(floor(extract(epoch FROM ${column}))::bigint::text, '')`;

/**
 * One batch of changed rows as a single text blob of comma-separated lines, with the position to
 * continue from: parsing a million small row objects would take the driver most of the load time
 * (codes never contain commas).
 */
const batchSql = (select: string, fields: string[], position: [string, string]) => `
  WITH batch AS (${select})
  SELECT count(*)::int AS n,
         string_agg(concat_ws(',', ${fields.join(', ')}), E'\n') AS lines,
         (SELECT ${position[0]}::text FROM batch ORDER BY ${position.join(' DESC, ')} DESC LIMIT 1) AS position,
         (SELECT ${position[1]} FROM batch ORDER BY ${position.join(' DESC, ')} DESC LIMIT 1) AS last_id
    FROM batch`;

const TICKET_FIELDS = [
  'row_seq',
  'status',
  'channel_code',
  `coalesce(category_code, '')`,
  `coalesce(kelurahan_code, '')`,
  `coalesce(assigned_unit_code, '')`,
  'overdue::int',
  'emergency::int',
  `coalesce(registry_status, '')`,
  epoch('created_at'),
  epoch('due_at'),
  epoch('first_response_at'),
  epoch('closed_at'),
  // Appended after the original facts: the reporter's (reporter-profile.ts).
  'reporter_type',
  `coalesce(reporter_sex, '')`,
  `coalesce(reporter_age::text, '')`,
  `coalesce(reporter_disability::int::text, '')`,
  '(parent_id IS NOT NULL)::int',
];
const OUTCOME_FIELDS = ['id', 'row_seq', 'unit_code', 'clock', 'met::int', epoch('due_at')];
const OUTCOME_SELECT = `SELECT o.id, o.recorded_at, c.row_seq, o.unit_code, o.clock, o.met, o.due_at
    FROM sla_outcomes o JOIN complaints c ON c.id = o.complaint_id`;

/** The first load reads everything in key order (the cheapest scan); `$1` is the last key read. */
const FIRST_LOAD = {
  tickets: batchSql(
    `SELECT * FROM complaints WHERE row_seq > $1 ORDER BY row_seq LIMIT ${BATCH}`,
    TICKET_FIELDS,
    ['row_seq', 'row_seq'],
  ),
  outcomes: batchSql(
    `${OUTCOME_SELECT} WHERE o.id > $1 ORDER BY o.id LIMIT ${BATCH}`,
    OUTCOME_FIELDS,
    ['id', 'id'],
  ),
};

/** Later looks read what changed at or after the watermark; `$1, $2` is the last position read. */
const CHANGES = {
  tickets: batchSql(
    `SELECT * FROM complaints WHERE (updated_at, row_seq) > ($1::timestamptz, $2)
      ORDER BY updated_at, row_seq LIMIT ${BATCH}`,
    TICKET_FIELDS,
    ['updated_at', 'row_seq'],
  ),
  outcomes: batchSql(
    `${OUTCOME_SELECT} WHERE (o.recorded_at, o.id) > ($1::timestamptz, $2)
      ORDER BY o.recorded_at, o.id LIMIT ${BATCH}`,
    OUTCOME_FIELDS,
    ['recorded_at', 'id'],
  ),
};

interface Batch {
  n: number;
  lines: string | null;
  position: string | null;
  last_id: number | null;
}

function grown<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  let length = array.length;
  while (length < size) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

/**
 * Every ticket's countable facts in memory, column by column in typed arrays (about 32 bytes a
 * ticket), kept in step with PostgreSQL by reading what changed since the last look every few
 * seconds. The dashboard's figures are then one pass over these arrays — milliseconds for a
 * million tickets, with any combination of filters — instead of aggregate queries that grow with
 * the table. No personal data is held: only codes, flags and times, and of a reporter only the
 * type and the sex, age group and disability as small numbers (reporter-profile.ts).
 *
 * A ticket sits at the index of its `row_seq`; an SLA outcome at its `id`. Re-reading a row
 * overwrites its slot, so reading a row twice is harmless.
 */
@Injectable()
export class TicketFacts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TicketFacts.name);

  readonly statuses = new CodeIndex(15, TICKET_STATUSES);
  readonly kelurahan = new CodeIndex(65_000);
  readonly kecamatan = new CodeIndex(65_000);
  readonly kota = new CodeIndex(65_000);
  readonly channels = new CodeIndex(250);
  readonly categories = new CodeIndex(250);
  readonly units = new CodeIndex(65_000);
  readonly registry = new CodeIndex(15, REGISTRY_STATUSES);
  readonly clocks = new CodeIndex(15, SLA_CLOCKS);
  readonly reporterTypes = new CodeIndex(15, REPORTER_TYPES);
  /** The kecamatan and kota number of each kelurahan number. */
  kecamatanOf = new Uint16Array(512);
  kotaOf = new Uint16Array(512);

  // Tickets, by row_seq. Times are Unix seconds, 0 for none.
  status = new Uint8Array(INITIAL_CAPACITY);
  created = new Uint32Array(INITIAL_CAPACITY);
  kelurahanNo = new Uint16Array(INITIAL_CAPACITY);
  channel = new Uint8Array(INITIAL_CAPACITY);
  category = new Uint8Array(INITIAL_CAPACITY);
  unit = new Uint16Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);
  registryStatus = new Uint8Array(INITIAL_CAPACITY);
  due = new Uint32Array(INITIAL_CAPACITY);
  responded = new Uint32Array(INITIAL_CAPACITY);
  closed = new Uint32Array(INITIAL_CAPACITY);
  /** The earliest deadline the ticket missed (the due time of its first missed SLA outcome). */
  firstMiss = new Uint32Array(INITIAL_CAPACITY);
  /** A person, an organisation or a government unit (reporterTypes). */
  reporterType = new Uint8Array(INITIAL_CAPACITY);
  /** The reporter's sex, age group and disability, packed (reporter-profile.ts). */
  reporterProfile = new Uint8Array(INITIAL_CAPACITY);
  maxSeq = 0;

  // SLA outcomes, by id.
  outcomeTicket = new Uint32Array(INITIAL_CAPACITY);
  outcomeUnit = new Uint16Array(INITIAL_CAPACITY);
  outcomeClock = new Uint8Array(INITIAL_CAPACITY);
  outcomeMet = new Uint8Array(INITIAL_CAPACITY);
  maxOutcome = 0;

  /** The database's time of the snapshot the arrays reflect (null before the first load). */
  asOf: Date | null = null;
  /** Where the next look starts (see WATERMARK_SQL); null before the first load. */
  private watermark: string | null = null;
  private running?: Promise<void>;
  /** When the look in progress started (ms). */
  private runningSince = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  onApplicationBootstrap(): void {
    // Every region is known to the filters before any ticket is indexed: a kota without tickets
    // yet is an empty figure, not an unknown code. (The directory loads in its module's init,
    // after this class's constructor.)
    for (const code of this.regions
      .list('kelurahan')
      .map((region) => region.code)
      .sort()) {
      this.placeKelurahan(code);
    }
    for (const region of this.regions.list('kecamatan')) this.kecamatan.numberOf(region.code);
    for (const region of this.regions.list('kota')) this.kota.numberOf(region.code);
    // The first load runs in the background: a million tickets take about ten seconds, and the
    // API should serve everything else meanwhile (dashboard requests wait for it).
    this.refresh().catch((error: unknown) =>
      this.logger.warn(`Dashboard index: first load failed: ${describeError(error)}`),
    );
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`Dashboard index: refresh failed: ${describeError(error)}`),
      );
    }, SYNC_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Arrays no older than `maxAgeMs`: refreshes first when they are older (a client asking for
   * `Cache-Control: no-cache` gets 0). 503 when the database cannot be read to catch up.
   */
  async current(maxAgeMs = MAX_STALENESS_MS): Promise<void> {
    if (this.asOf && Date.now() - this.asOf.getTime() <= maxAgeMs && maxAgeMs > 0) return;
    try {
      // Fresh means a look that starts now: one already running may have read past a change
      // the client has just made.
      await this.refresh(maxAgeMs === 0 ? Date.now() : 0);
    } catch {
      if (this.asOf && Date.now() - this.asOf.getTime() <= MAX_STALENESS_MS) return;
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DASHBOARD_UNAVAILABLE',
        bilingual(
          'Dasbor tidak dapat membaca basis data saat ini; coba lagi sebentar lagi',
          'The dashboard cannot read the database right now; try again shortly',
        ),
      );
    }
  }

  /**
   * One look for changes; concurrent callers share the look in progress, unless it started
   * at or before `notBefore` (ms): then they share the next one, which starts when it ends.
   */
  refresh(notBefore = 0): Promise<void> {
    if (this.running && this.runningSince <= notBefore) {
      return this.running.catch(() => undefined).then(() => this.refresh(notBefore));
    }
    if (!this.running) {
      this.runningSince = Date.now();
      this.running = this.readChanges().finally(() => (this.running = undefined));
    }
    return this.running;
  }

  private async readChanges(): Promise<void> {
    const [mark] = (await this.dataSource.query(WATERMARK_SQL)) as {
      as_of: string;
      watermark: string;
    }[];
    const started = Date.now();
    // Tickets and outcomes fill separate arrays, so the two reads may run side by side.
    await Promise.all([
      this.readBatches('tickets', this.watermark, (fields) => this.putTicket(fields)),
      this.readBatches('outcomes', this.watermark, (fields) => this.putOutcome(fields)),
    ]);
    if (this.watermark === null) {
      this.logger.log(
        `Dashboard index loaded ${this.maxSeq} tickets and ${this.maxOutcome} SLA outcomes in ${Date.now() - started} ms`,
      );
    }
    this.watermark = mark.watermark;
    this.asOf = new Date(mark.as_of);
  }

  /** Reads batches until one comes back short: from the start, or from a watermark. */
  private async readBatches(
    kind: 'tickets' | 'outcomes',
    watermark: string | null,
    put: (fields: string[]) => void,
  ): Promise<void> {
    let from: unknown[] = watermark === null ? [0] : [watermark, 0];
    for (;;) {
      const sql = watermark === null ? FIRST_LOAD[kind] : CHANGES[kind];
      const [batch] = (await this.dataSource.query(sql, from)) as Batch[];
      if (batch.lines) for (const line of batch.lines.split('\n')) put(line.split(','));
      if (batch.n < BATCH) return;
      from = watermark === null ? [batch.last_id] : [batch.position, batch.last_id];
    }
  }

  private putTicket(fields: string[]): void {
    const [seq, status, channel, category, kelurahan, unit, overdue, emergency, registry] = fields;
    const i = Number(seq);
    if (i >= this.status.length) this.ensureTickets(i + 1);
    const confidential = channel === RESTRICTED_CHANNEL;
    this.status[i] = this.statuses.numberOf(status);
    this.created[i] = Number(fields[9]);
    this.channel[i] = this.channels.numberOf(channel);
    this.kelurahanNo[i] = confidential ? 0 : this.placeKelurahan(kelurahan);
    this.category[i] = confidential ? 0 : this.categories.numberOf(category);
    this.unit[i] = this.units.numberOf(unit);
    this.flags[i] =
      (overdue === '1' ? OVERDUE : 0) |
      (emergency === '1' ? EMERGENCY : 0) |
      (confidential ? CONFIDENTIAL : 0);
    this.registryStatus[i] = this.registry.numberOf(registry);
    this.due[i] = Number(fields[10]);
    this.responded[i] = Number(fields[11]);
    this.closed[i] = Number(fields[12]);
    this.reporterType[i] = this.reporterTypes.numberOf(fields[13]);
    this.reporterProfile[i] = packProfile(
      fields[13],
      fields[14],
      fields[15],
      fields[16],
      fields[17],
    );
    if (i > this.maxSeq) this.maxSeq = i;
  }

  private putOutcome([id, seq, unit, clock, met, due]: string[]): void {
    const j = Number(id);
    const i = Number(seq);
    if (j >= this.outcomeTicket.length) this.ensureOutcomes(j + 1);
    if (i >= this.firstMiss.length) this.ensureTickets(i + 1);
    this.outcomeTicket[j] = i;
    this.outcomeUnit[j] = this.units.numberOf(unit);
    this.outcomeClock[j] = this.clocks.numberOf(clock);
    this.outcomeMet[j] = met === '1' ? MET : MISSED;
    if (met !== '1') {
      // Missed when the deadline passed, not when the sweep (or the late step) noticed it.
      const at = Number(due);
      if (!this.firstMiss[i] || at < this.firstMiss[i]) this.firstMiss[i] = at;
    }
    if (j > this.maxOutcome) this.maxOutcome = j;
  }

  /** The kelurahan's number, noting its kecamatan and kota. */
  private placeKelurahan(code: string | null): number {
    const number = this.kelurahan.numberOf(code);
    if (number && !this.kotaOf[number]) {
      this.kecamatanOf = grown(this.kecamatanOf, number + 1);
      this.kotaOf = grown(this.kotaOf, number + 1);
      const { kecamatan, kota } = this.regions.ancestors(code!);
      this.kecamatanOf[number] = this.kecamatan.numberOf(kecamatan?.code);
      this.kotaOf[number] = this.kota.numberOf(kota?.code);
    }
    return number;
  }

  private ensureTickets(size: number): void {
    this.status = grown(this.status, size);
    this.created = grown(this.created, size);
    this.kelurahanNo = grown(this.kelurahanNo, size);
    this.channel = grown(this.channel, size);
    this.category = grown(this.category, size);
    this.unit = grown(this.unit, size);
    this.flags = grown(this.flags, size);
    this.registryStatus = grown(this.registryStatus, size);
    this.due = grown(this.due, size);
    this.responded = grown(this.responded, size);
    this.closed = grown(this.closed, size);
    this.firstMiss = grown(this.firstMiss, size);
    this.reporterType = grown(this.reporterType, size);
    this.reporterProfile = grown(this.reporterProfile, size);
  }

  private ensureOutcomes(size: number): void {
    this.outcomeTicket = grown(this.outcomeTicket, size);
    this.outcomeUnit = grown(this.outcomeUnit, size);
    this.outcomeClock = grown(this.outcomeClock, size);
    this.outcomeMet = grown(this.outcomeMet, size);
  }
}
