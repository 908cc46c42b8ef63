import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Bilingual, bilingual, maskIdentityNumbers, PiiCipher, RejectedRows } from '@crm/core';
import { readRegistryRecord, REGISTRY_COLUMNS, RegistryRecord, RegistryRow } from './registry-csv';

/** Rows per INSERT: large enough to amortise the round trip, small enough to keep memory flat. */
const BATCH = 2_000;
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

const UPSERT_SQL = `
INSERT INTO registry_people (p3ke_family_id, p3ke_individual_id, nik_encrypted, nik_hash,
  kk_encrypted, kk_hash, name, sex, relationship, kelurahan_code, decile, central_programmes,
  regional_programmes, row_hash)
SELECT f, i, ne, nh, ke, kh, n, s, r, k, d::smallint, string_to_array(cp, ';'),
       string_to_array(rp, ';'), h
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
              $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
              $14::text[]) AS t(f, i, ne, nh, ke, kh, n, s, r, k, d, cp, rp, h)
ON CONFLICT (p3ke_individual_id) DO UPDATE SET
  p3ke_family_id = EXCLUDED.p3ke_family_id, nik_encrypted = EXCLUDED.nik_encrypted,
  nik_hash = EXCLUDED.nik_hash, kk_encrypted = EXCLUDED.kk_encrypted, kk_hash = EXCLUDED.kk_hash,
  name = EXCLUDED.name, sex = EXCLUDED.sex, relationship = EXCLUDED.relationship,
  kelurahan_code = EXCLUDED.kelurahan_code, decile = EXCLUDED.decile,
  central_programmes = EXCLUDED.central_programmes,
  regional_programmes = EXCLUDED.regional_programmes, row_hash = EXCLUDED.row_hash,
  updated_at = now()
WHERE registry_people.row_hash <> EXCLUDED.row_hash
RETURNING (xmax = 0) AS inserted`;

/**
 * Streams a registry CSV into `registry_people`: parsed record by record (csv-parse), checked,
 * encrypted and upserted in batches, so a file of any size runs in flat memory. Bad rows are
 * reported with their line and reason and the good ones go in; a row identical to the stored one
 * changes nothing, so importing a file twice writes nothing the second time.
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
    const reject = (line: number, reason: string) => rejected.add(line, reason);
    const parser = input.pipe(
      parse({
        bom: true,
        skip_empty_lines: true,
        info: true,
        skip_records_with_error: true,
        columns: (header: string[]) => {
          const names = header.map((name) => name.trim().toLowerCase());
          if (names.join(',') !== REGISTRY_COLUMNS.join(',')) {
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
          return names;
        },
      }),
    );
    parser.on('skip', (error: Error & { lines?: number }) =>
      reject(error.lines ?? 0, `unreadable CSV: ${error.message}`),
    );

    let batch = new Map<string, RegistryRow>();
    let rowsRead = 0;
    // One batch is written while the next is read: parsing and PostgreSQL work in parallel.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (rows: RegistryRow[]) => {
      await writing;
      writing = this.write(rows, counts);
      // Surface a failed write now rather than after the whole file (no unhandled rejection).
      writing.catch(() => undefined);
    };
    for await (const { record, info } of parser as AsyncIterable<{
      record: RegistryRecord;
      info: { lines: number };
    }>) {
      rowsRead++;
      const row = readRegistryRecord(record, this.kelurahanCodes);
      if ('reason' in row) {
        reject(info.lines, row.reason);
      } else {
        // A person listed twice: the later line wins, as it would across batches.
        batch.delete(row.individualId);
        batch.set(row.individualId, row);
      }
      if (batch.size >= BATCH) {
        await flush([...batch.values()]);
        batch = new Map();
        onProgress?.(rowsRead);
      }
    }
    if (batch.size) await flush([...batch.values()]);
    await writing;
    onProgress?.(rowsRead);
    return { ...counts, rejectedCount: rejected.count, rejected: rejected.first() };
  }

  private async write(rows: RegistryRow[], report: Counts): Promise<void> {
    const columns: (string | null)[][] = Array.from({ length: 14 }, () => []);
    for (const row of rows) {
      const values = [
        row.familyId,
        row.individualId,
        this.pii.encrypt(row.nik),
        this.pii.lookupHash(row.nik),
        this.pii.encrypt(row.kk),
        this.pii.lookupHash(row.kk),
        row.name,
        row.sex,
        row.relationship,
        row.kelurahanCode,
        row.decile === null ? null : String(row.decile),
        row.centralProgrammes.join(';'),
        row.regionalProgrammes.join(';'),
        // Keyed, so that the hash of a row says nothing about the NIK in it.
        this.pii.lookupHash(JSON.stringify(row)),
      ];
      values.forEach((value, column) => columns[column].push(value));
    }
    const written: { inserted: boolean }[] = await this.dataSource.query(UPSERT_SQL, columns);
    const inserted = written.filter((row) => row.inserted).length;
    report.imported += inserted;
    report.updated += written.length - inserted;
    report.unchanged += rows.length - written.length;
  }
}
