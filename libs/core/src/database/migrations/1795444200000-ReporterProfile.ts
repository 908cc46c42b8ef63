import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What monitoring by sex, age group and disability needs of a reporter (Kepsekda 75/2023
 * §3.6.2.g): the sex and age read from the NIK as of the report, and disability
 * as recorded — null when nobody recorded it. Without defaults, so PostgreSQL adds the columns
 * without rewriting `complaints`; earlier complaints count as "unknown".
 */
export class ReporterProfile1795444200000 implements MigrationInterface {
  name = 'ReporterProfile1795444200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaints" ADD "reporter_sex" character(1)`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "reporter_age" smallint`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "reporter_disability" boolean`);
    // New columns are all null: nothing to check, so no scan (NOT VALID, then VALIDATE).
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "ck_complaints_reporter_sex" CHECK (reporter_sex IS NULL OR reporter_sex IN ('L', 'P')) NOT VALID`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" VALIDATE CONSTRAINT "ck_complaints_reporter_sex"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "ck_complaints_reporter_sex"`,
    );
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "reporter_disability"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "reporter_age"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "reporter_sex"`);
  }
}
