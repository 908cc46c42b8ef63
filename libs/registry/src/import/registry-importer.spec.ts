import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { PiiCipher } from '@crm/core';
import { REGISTRY_COLUMNS } from './registry-csv';
import { RegistryHeaderError, RegistryImporter } from './registry-importer';

const NIK = '3171014501900001';
const KK = '3171010101100001';
const person = (kelurahan: string) =>
  `P3KE-F1,P3KE-I1,${NIK},${KK},Siti Contoh,P,Kepala Keluarga,${kelurahan},1,,`;

/** The importer as the command line runs it; rows refused before any write need no database. */
const importer = () =>
  new RegistryImporter({} as DataSource, {} as PiiCipher, new Set(['31.71.01.1001']));
const read = (lines: string[]) => importer().import(Readable.from([lines.join('\n')]));

describe('RegistryImporter (the API and npm run registry:import)', () => {
  it('refuses a file without its header without quoting the person it starts with', async () => {
    const error = await read([person('31.71.01.1001')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryHeaderError);
    const message = (error as Error).message;
    expect(message).toContain(REGISTRY_COLUMNS.join(','));
    expect(message).toContain('3171********0001');
    expect(message).not.toContain(NIK);
    expect(message).not.toContain(KK);
  });

  it('never quotes a full NIK or KK number in a rejection reason', async () => {
    const report = await read([
      REGISTRY_COLUMNS.join(','),
      person(NIK), // the columns slipped: a NIK where the kelurahan code belongs
      person('31.71.01.1001').replace(`,${NIK},`, `,${NIK}"x",`), // a quote inside a field
      person('3171 0101 0110 0001'), // a KK number, written with spaces
    ]);
    expect(report.rejectedCount).toBe(3);
    const reasons = JSON.stringify(report.rejected);
    for (const secret of [NIK, KK, '3171 0101 0110 0001']) expect(reasons).not.toContain(secret);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      'kelurahan_code: not a code like 31.71.01.1001',
      expect.stringContaining('value is "3171********0001'),
      'kelurahan_code: not a code like 31.71.01.1001',
    ]);
  });
});
