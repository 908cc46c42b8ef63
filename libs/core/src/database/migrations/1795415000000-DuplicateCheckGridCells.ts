import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replaces the (category, lat) index with one per grid cell of 0.005° (about 550 m, more than the
 * 250 m duplicate radius), newest first: a hotspot — hundreds of reports around one flood — then
 * costs the duplicate check a few bounded index scans instead of a scan of every report in its
 * latitude band. The expression must match DuplicateFinder's query text.
 */
export class DuplicateCheckGridCells1795415000000 implements MigrationInterface {
  name = 'DuplicateCheckGridCells1795415000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_category_lat"`);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_duplicate_cell" ON "complaints" ("category_code", (floor(lat * 200)::int), (floor(lon * 200)::int), "created_at") WHERE "lat" IS NOT NULL AND "lon" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_duplicate_cell"`);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_category_lat" ON "complaints" ("category_code", "lat") WHERE "lat" IS NOT NULL`,
    );
  }
}
