import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import {
  Bilingual,
  bilingual,
  csvRecords,
  maskIdentityNumbers,
  PiiCipher,
  RejectedRows,
} from '@crm/core';
import {
  readRegistryRecord,
  REGISTRY_COLUMNS,
  registryCopyText,
  RegistryRow,
} from './registry-csv';

/** Rows per batch: large enough to amortise the round trips, small enough to keep memory flat. */
const BATCH = 5_000;
/** Rejected rows listed in the report; the count covers all of them. */
const REPORTED_REJECTIONS = 1_000;

export interface ImportReport {
  /** New people */
  imported: number;
  /** People whose row changed */
  updated: number;
  /** Rows identical to what is stored */
  unchanged: number;
  rejectedCount: number;
  /** The first 1,000 rejected rows: line number in the file (the header is line 1) and reason */
  rejected: { line: number; reason: string }[];
}

type Counts = Pick<ImportReport, 'imported' | 'updated' | 'unchanged'>;

/** A file whose header is not the registry's: `why` says so in both languages. */
export class RegistryHeaderError extends Error {
  constructor(readonly why: Bilingual) {
    super(why.en);
  }
}

/** Each import's own table of checked rows, read by the merge; gone when the connection closes. */
const STAGE_SQL = `
CREATE TEMP TABLE IF NOT EXISTS registry_import_stage (
  p3ke_family_id text, p3ke_individual_id text, nik_encrypted text, nik_hash text,
  kk_encrypted text, kk_hash text, name text, sex text, relationship text, kelurahan_code text,
  decile smallint, central_programmes text, regional_programmes text, row_hash text)`;

const COPY_SQL = 'COPY registry_import_stage FROM STDIN';

/** New people go in; a changed row is updated; a row identical to the stored one is left alone. */
const MERGE_SQL = `
WITH written AS (
  INSERT INTO registry_people (p3ke_family_id, p3ke_individual_id, nik_encrypted, nik_hash,
    kk_encrypted, kk_hash, name, sex, relationship, kelurahan_code, decile, central_programmes,
    regional_programmes, row_hash)
  SELECT p3ke_family_id, p3ke_individual_id, nik_encrypted, nik_hash, kk_encrypted, kk_hash, name,
         sex, relationship, kelurahan_code, decile, string_to_array(central_programmes, ';'),
         string_to_array(regional_programmes, ';'), row_hash
    FROM registry_import_stage
  ON CONFLICT (p3ke_individual_id) DO UPDATE SET
    p3ke_family_id = EXCLUDED.p3ke_family_id, nik_encrypted = EXCLUDED.nik_encrypted,
    nik_hash = EXCLUDED.nik_hash, kk_encrypted = EXCLUDED.kk_encrypted, kk_hash = EXCLUDED.kk_hash,
    name = EXCLUDED.name, sex = EXCLUDED.sex, relationship = EXCLUDED.relationship,
    kelurahan_code = EXCLUDED.kelurahan_code, decile = EXCLUDED.decile,
    central_programmes = EXCLUDED.central_programmes,
    regional_programmes = EXCLUDED.regional_programmes, row_hash = EXCLUDED.row_hash,
    updated_at = now()
  WHERE registry_people.row_hash <> EXCLUDED.row_hash
  RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM written`;

/**
 * Streams a registry CSV into `registry_people`: read record by record, checked, encrypted, and
 * written in batches — `COPY` into a temporary table, then one merge — so a file of any size runs
 * in flat memory. Bad rows are reported with their line and reason and the good ones go in; a
 * row identical to the stored one changes nothing, so importing a file twice writes nothing the
 * second time. docs/benchmarks.md says where a row's time goes.
 */
export class RegistryImporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly kelurahanCodes: ReadonlySet<string>,
  ) {}

  async import(input: Readable, onProgress?: (rowsRead: number) => void): Promise<ImportReport> {
    const counts: Counts = { imported: 0, updated: 0, unchanged: 0 };
    const rejected = new RejectedRows(REPORTED_REJECTIONS);
    const today = new Date();
    let header = true;
    let batch = new Map<string, RegistryRow>();
    let rowsRead = 0;
    // One batch is written while the next is read: this process and PostgreSQL work in parallel.
    let writing: Promise<void> = Promise.resolve();
    let stage: Stage | undefined;
    const flush = async () => {
      const rows = [...batch.values()];
      batch = new Map();
      const copyText = registryCopyText(rows, this.pii);
      await writing;
      stage ??= await Stage.open(this.dataSource);
      writing = stage.write(copyText).then((written) => {
        counts.imported += written.inserted;
        counts.updated += written.written - written.inserted;
        counts.unchanged += rows.length - written.written;
      });
      // Surface a failed write now rather than after the whole file (no unhandled rejection).
      writing.catch(() => undefined);
      onProgress?.(rowsRead);
    };
    try {
      for await (const records of csvRecords(input)) {
        for (const record of records) {
          if (header) {
            checkHeader('fields' in record ? record.fields : []);
            header = false;
            continue;
          }
          rowsRead++;
          if ('unreadable' in record) {
            rejected.add(record.line, `unreadable CSV: ${record.unreadable}`);
            continue;
          }
          const row = readRegistryRecord(record.fields, this.kelurahanCodes, today);
          if ('reason' in row) {
            rejected.add(record.line, row.reason);
            continue;
          }
          // A person listed twice: the later line wins, as it would across batches.
          batch.delete(row.individualId);
          batch.set(row.individualId, row);
        }
        if (batch.size >= BATCH) await flush();
      }
      if (batch.size) await flush();
      await writing;
    } finally {
      await writing.catch(() => undefined);
      await stage?.close();
    }
    onProgress?.(rowsRead);
    return { ...counts, rejectedCount: rejected.count, rejected: rejected.first() };
  }
}

/** A header that is not the registry's stops the import before any row is read. */
function checkHeader(fields: string[]): void {
  const names = fields.map((name) => name.trim().toLowerCase());
  if (names.join(',') === REGISTRY_COLUMNS.join(',')) return;
  // A file without its header starts with a person: what was found is masked.
  const expected = REGISTRY_COLUMNS.join(',');
  const found = maskIdentityNumbers(names.join(','));
  throw new RegistryHeaderError(
    bilingual(
      `Baris judul (header) harus ${expected} (yang ditemukan: ${found}); pakai templat berkas registri dengan baris judul itu di baris pertama`,
      `The header must be ${expected} (found ${found})`,
    ),
  );
}

/** The import's connection with its temporary table; one batch at a time goes through it. */
class Stage {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async open(dataSource: DataSource): Promise<Stage> {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query(STAGE_SQL);
      return new Stage(runner, client);
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  async write(copyText: string): Promise<{ inserted: number; written: number }> {
    await this.client.query('TRUNCATE registry_import_stage');
    await pipeline(Readable.from([copyText]), this.client.query(copyFrom(COPY_SQL)));
    const [written] = (await this.client.query(MERGE_SQL)).rows;
    return written;
  }

  async close(): Promise<void> {
    await this.client.query('DROP TABLE IF EXISTS registry_import_stage').catch(() => undefined);
    await this.runner.release();
  }
}
