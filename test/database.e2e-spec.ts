import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '@crm/core';
import { seedReferenceData } from '@crm/reference';
import { createScratchDatabase } from '../tools/scratch-database';

/** A fingerprint of every reference table's content and of each row's physical version. */
async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = ['regions', 'units', 'channels', 'categories', 'holidays', 'migrations'];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, md5(string_agg(t::text || ':' || t.xmin::text, '|' ORDER BY t::text)) AS h
         FROM ${table} t`,
    );
    result[table] = `${row.n}/${row.h}`;
  }
  return result;
}

async function count(dataSource: DataSource, sql: string): Promise<number> {
  const [row] = await dataSource.query(sql);
  return Number(row.n);
}

describe('migrations and reference seed on an empty database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_migrations');
    dataSource = await new DataSource(dataSourceOptions(scratch.url)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('starts empty, then migrates and seeds the real Jakarta reference data', async () => {
    expect(
      await count(dataSource, `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`),
    ).toBe(0);

    await prepareDatabase(dataSource, [seedReferenceData]);

    expect(
      await count(dataSource, `SELECT count(*) AS n FROM regions WHERE level = 'kelurahan'`),
    ).toBe(267);
    expect(
      await count(dataSource, `SELECT count(*) AS n FROM regions WHERE level = 'kecamatan'`),
    ).toBe(44);
    expect(await count(dataSource, `SELECT count(*) AS n FROM regions WHERE level = 'kota'`)).toBe(
      6,
    );
    expect(await count(dataSource, `SELECT count(*) AS n FROM channels`)).toBe(13);
    expect(
      await count(
        dataSource,
        `SELECT count(*) AS n FROM regions WHERE level = 'kelurahan' AND geometry IS NULL`,
      ),
    ).toBe(0);
    // Every regional office exists as a unit under its parent office.
    expect(
      await count(
        dataSource,
        `SELECT count(*) AS n FROM units WHERE type = 'kelurahan' AND parent_code LIKE '31.__.__'`,
      ),
    ).toBe(267);
  });

  it('changes nothing when migrations and seed run again', async () => {
    const before = await fingerprint(dataSource);
    await prepareDatabase(dataSource, [seedReferenceData]);
    await prepareDatabase(dataSource, [seedReferenceData]);
    expect(await fingerprint(dataSource)).toEqual(before);
  });

  it('leaves the schema exactly as the entities describe it', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps an admin edit to a unit across a re-seed, but restores official boundaries', async () => {
    await dataSource.query(
      `UPDATE units SET name = 'Dinas Sosial (renamed)' WHERE code = 'dinsos'`,
    );
    await dataSource.query(`UPDATE regions SET name = 'Wrong' WHERE code = '31.71.01.1001'`);
    await prepareDatabase(dataSource, [seedReferenceData]);
    const [unit] = await dataSource.query(`SELECT name FROM units WHERE code = 'dinsos'`);
    const [region] = await dataSource.query(
      `SELECT name FROM regions WHERE code = '31.71.01.1001'`,
    );
    expect(unit.name).toBe('Dinas Sosial (renamed)');
    expect(region.name).toBe('Gambir');
  });
});

describe('two instances starting at once', () => {
  it('serialises their migrations with the schema lock', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_SERVER_DATABASE_URL!, 'crm_race');
    const sources = await Promise.all(
      [1, 2, 3].map(() => new DataSource(dataSourceOptions(scratch.url)).initialize()),
    );
    try {
      await Promise.all(sources.map((source) => prepareDatabase(source, [seedReferenceData])));
      const [migrations] = await sources[0].query(
        `SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM migrations`,
      );
      expect(migrations.n).toBe(migrations.d);
      expect(migrations.n).toBeGreaterThan(0);
      expect(
        await count(sources[0], `SELECT count(*) AS n FROM regions WHERE level = 'kelurahan'`),
      ).toBe(267);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
      await scratch.drop();
    }
  });
});
