import { DataSource } from 'typeorm';
import { PiiCipher } from './pii-cipher';

export interface ReencryptedColumn {
  column: string;
  rewritten: number;
}

/**
 * After a key rotation: rewrites every value of every `*_encrypted` column that is not under the
 * current key, in batches, each in its own statement, while the service runs. A row changed
 * meanwhile is left for the next pass (the old value must still match), and the pass repeats
 * until no value remains under an older key. The lookup hashes are not touched: they stay keyed
 * by PII_LOOKUP_KEY_ID's key.
 */
export async function reencryptStoredValues(
  dataSource: DataSource,
  cipher: PiiCipher,
  onBatch: (column: string, rewritten: number) => void = () => undefined,
  batchSize = 1_000,
): Promise<ReencryptedColumn[]> {
  const columns = (await dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name LIKE '%\\_encrypted' ORDER BY 1, 2`,
  )) as { table_name: string; column_name: string }[];
  const report: ReencryptedColumn[] = [];
  for (const { table_name: table, column_name: name } of columns) {
    const column = `"${table}"."${name}"`;
    let rewritten = 0;
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT ctid::text AS at, "${name}" AS value FROM "${table}"
          WHERE "${name}" IS NOT NULL AND split_part("${name}", '.', 2) <> $1 LIMIT ${batchSize}`,
        [cipher.currentKeyId],
      )) as { at: string; value: string }[];
      if (!rows.length) break;
      const params: string[] = [];
      const values = rows.map(({ at, value }) => {
        params.push(at, value, cipher.encrypt(cipher.decrypt(value)));
        const n = params.length;
        return `($${n - 2}::tid, $${n - 1}, $${n})`;
      });
      const [, changed] = (await dataSource.query(
        `UPDATE "${table}" AS t SET "${name}" = v.renewed
           FROM (VALUES ${values.join(', ')}) AS v(at, old, renewed)
          WHERE t.ctid = v.at AND t."${name}" = v.old`,
        params,
      )) as [unknown, number];
      rewritten += changed;
      onBatch(column, rewritten);
    }
    report.push({ column, rewritten });
  }
  return report;
}
