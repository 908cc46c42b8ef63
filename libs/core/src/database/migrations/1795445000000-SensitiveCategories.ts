import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories whose complaints tell of a household's need: public reads (Open311) show neither
 * their description nor their place. The poverty path's category is one from the start; the seed
 * adds categories only when missing, so a database that already has it learns it here.
 */
export class SensitiveCategories1795445000000 implements MigrationInterface {
  name = 'SensitiveCategories1795445000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "categories" ADD "sensitive" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "categories" SET "sensitive" = true WHERE "code" = 'belum-terdata'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "categories" DROP COLUMN "sensitive"`);
  }
}
