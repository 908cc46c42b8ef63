import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The prelist entry's own clock and the stages the reporter follows on `/track`: when it was
 * first verified and when the ranking's feedback decided it (it kept only the Musyawarah's and
 * the export's times). Existing entries take their first verification's time.
 */
export class PrelistStageClock1795443200000 implements MigrationInterface {
  name = 'PrelistStageClock1795443200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "verified_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "decided_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `UPDATE prelist_entries e SET verified_at = v.first
         FROM (SELECT entry_id, min(verified_at) AS first FROM prelist_verifications
                GROUP BY entry_id) v
        WHERE v.entry_id = e.id AND e.status <> 'menunggu_verifikasi'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "verified_at"`);
  }
}
