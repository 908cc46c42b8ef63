import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Musyawarah Kelurahan adds households that are not in the database (Kepsekda 75/2023
 * §3.1.3.4.g): their form belongs to no complaint, and their entry says where it came from. Its
 * results are verified again by the authorised officers (§3.1.3.4.h): the entry records when.
 */
export class MusyawarahHouseholds1795443400000 implements MigrationInterface {
  name = 'MusyawarahHouseholds1795443400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "complaint_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "source" character varying(16) NOT NULL DEFAULT 'complaint'`,
    );
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD CONSTRAINT "ck_prelist_entries_source" CHECK (source IN ('complaint', 'muskel'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "reverified_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "reverified_at"`);
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" DROP CONSTRAINT "ck_prelist_entries_source"`,
    );
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "complaint_id" SET NOT NULL`);
  }
}
