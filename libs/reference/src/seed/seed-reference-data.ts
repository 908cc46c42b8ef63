import { DataSource } from 'typeorm';
import { UnitType } from '../units/unit.entity';
import { loadJakartaRegions, RegionSeed } from './jakarta-boundaries';
import {
  CATEGORIES,
  CHANNELS,
  HOLIDAYS,
  PROVINCIAL_UNITS,
  SUKU_DINAS,
  sudinCode,
} from './reference-data';

interface UnitRow {
  code: string;
  name: string;
  type: UnitType;
  parent_code: string | null;
  region_code: string | null;
}

const OFFICE_PREFIX: Partial<Record<RegionSeed['level'], string>> = {
  kecamatan: 'Kecamatan ',
  kelurahan: 'Kelurahan ',
};

/** Every kota, kecamatan and kelurahan has an office that can hold tickets. */
function regionalUnits(regions: RegionSeed[]): UnitRow[] {
  return regions
    .filter((region) => region.level !== 'provinsi')
    .map((region) => ({
      code: region.code,
      name: (OFFICE_PREFIX[region.level] ?? '') + region.name,
      type: region.level as UnitType,
      parent_code: region.level === 'kota' ? null : region.parentCode,
      region_code: region.code,
    }));
}

/** A Suku Dinas of each agency that has them in every kota: a `ukpd` under its Dinas. */
function sukuDinas(regions: RegionSeed[]): UnitRow[] {
  return regions
    .filter((region) => region.level === 'kota')
    .flatMap((kota) =>
      SUKU_DINAS.map(({ agency, name }) => ({
        code: sudinCode(agency, kota.code),
        name: `${name} ${kota.name}`,
        type: 'ukpd' as const,
        parent_code: agency,
        region_code: kota.code,
      })),
    );
}

/**
 * Idempotent seed of the reference data. Official boundaries and codes are brought up to date
 * (a row is rewritten only when it differs). Units, channels, categories and holidays are only
 * added when missing, so an admin's later edits survive restarts.
 */
export async function seedReferenceData(dataSource: DataSource): Promise<void> {
  const regions = loadJakartaRegions();
  const units: UnitRow[] = [
    ...regionalUnits(regions),
    ...PROVINCIAL_UNITS.map((u) => ({ ...u, parent_code: null, region_code: null })),
    ...sukuDinas(regions),
  ];
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO regions (code, level, name, parent_code, geometry)
       SELECT code, level, name, parent_code, geometry
         FROM jsonb_to_recordset($1::jsonb)
           AS r(code varchar, level varchar, name varchar, parent_code varchar, geometry jsonb)
       ON CONFLICT (code) DO UPDATE
         SET level = EXCLUDED.level, name = EXCLUDED.name,
             parent_code = EXCLUDED.parent_code, geometry = EXCLUDED.geometry
         WHERE (regions.level, regions.name, regions.parent_code, regions.geometry)
           IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.name, EXCLUDED.parent_code, EXCLUDED.geometry)`,
      [JSON.stringify(regions.map((r) => ({ ...r, parent_code: r.parentCode })))],
    );
    await manager.query(
      `INSERT INTO units (code, name, type, parent_code, region_code)
       SELECT code, name, type, parent_code, region_code
         FROM jsonb_to_recordset($1::jsonb)
           AS u(code varchar, name varchar, type varchar, parent_code varchar, region_code varchar)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(units)],
    );
    await manager.query(
      `INSERT INTO channels (code, name, geotagged, responsible_unit_code, responsible_unit_type,
                             responsible_official, position)
       SELECT c.code, c.name, c.geotagged, c.unit, c.unit_type, c.official, c.position
         FROM jsonb_to_recordset($1::jsonb)
           AS c(code varchar, name varchar, geotagged boolean, unit varchar, unit_type varchar,
                official varchar, position smallint)
       ON CONFLICT (code) DO NOTHING`,
      [
        JSON.stringify(
          CHANNELS.map((c, index) => ({
            code: c.code,
            name: c.name,
            geotagged: c.geotagged,
            unit: c.responsibleUnitCode,
            unit_type: c.responsibleUnitType,
            official: c.responsibleOfficial,
            position: index + 1,
          })),
        ),
      ],
    );
    await manager.query(
      `INSERT INTO categories (code, name, group_name, description, keywords, default_unit_code,
                               sensitive)
       SELECT c.code, c.name, c.group_name, c.description,
              ARRAY(SELECT jsonb_array_elements_text(c.keywords)), c.default_unit_code, c.sensitive
         FROM jsonb_to_recordset($1::jsonb)
           AS c(code varchar, name varchar, group_name varchar, description text, keywords jsonb,
                default_unit_code varchar, sensitive boolean)
       ON CONFLICT (code) DO NOTHING`,
      [
        JSON.stringify(
          CATEGORIES.map((c) => ({
            ...c,
            group_name: c.group,
            default_unit_code: c.defaultUnitCode,
            sensitive: c.sensitive ?? false,
          })),
        ),
      ],
    );
    await manager.query(
      `INSERT INTO holidays (date, name, kind, legal_basis)
       SELECT h.date, h.name, h.kind, h.legal_basis
         FROM jsonb_to_recordset($1::jsonb) AS h(date date, name varchar, kind varchar, legal_basis varchar)
       ON CONFLICT (date) DO NOTHING`,
      [JSON.stringify(HOLIDAYS.map((h) => ({ ...h, legal_basis: h.legalBasis })))],
    );
  });
}
