import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cycles of the target data set (Kepsekda 75/2023 §3.1.4: determined at least twice a year, the
 * updates due two months before): a prelist entry belongs to the cycle (its determination date)
 * whose cut-off it was made before, and records the cycle it was sent in. Existing entries are
 * placed by the default schedule (30 June and 31 December; cut-offs 30 April and 31 October,
 * Jakarta dates), which is what the service uses unless PRELIST_DETERMINATION_DATES says otherwise.
 */
export class PrelistCycles1795443300000 implements MigrationInterface {
  name = 'PrelistCycles1795443300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "cycle_id" date`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "sent_cycle_id" date`);
    await queryRunner.query(`
      UPDATE prelist_entries SET cycle_id = (
        SELECT CASE
                 WHEN to_char(d, 'MM-DD') <= '04-30' THEN make_date(extract(year FROM d)::int, 6, 30)
                 WHEN to_char(d, 'MM-DD') <= '10-31' THEN make_date(extract(year FROM d)::int, 12, 31)
                 ELSE make_date(extract(year FROM d)::int + 1, 6, 30)
               END
          FROM (SELECT (created_at AT TIME ZONE 'Asia/Jakarta')::date AS d) jakarta)`);
    await queryRunner.query(`
      UPDATE prelist_entries SET sent_cycle_id = (
        SELECT CASE
                 WHEN to_char(d, 'MM-DD') <= '04-30' THEN make_date(extract(year FROM d)::int, 6, 30)
                 WHEN to_char(d, 'MM-DD') <= '10-31' THEN make_date(extract(year FROM d)::int, 12, 31)
                 ELSE make_date(extract(year FROM d)::int + 1, 6, 30)
               END
          FROM (SELECT (exported_at AT TIME ZONE 'Asia/Jakarta')::date AS d) jakarta)
       WHERE exported_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" ALTER COLUMN "cycle_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_prelist_entries_cycle" ON "prelist_entries" ("cycle_id", "status") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_prelist_entries_cycle"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "sent_cycle_id"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "cycle_id"`);
  }
}
