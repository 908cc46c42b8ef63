import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who reported (Kepsekda 75/2023 §2.4.2.4): a person, a civil-society organisation or a
 * government unit. Every complaint so far was taken as a person's; a constant default lets
 * PostgreSQL add the column without rewriting `complaints`.
 */
export class ReporterType1795444100000 implements MigrationInterface {
  name = 'ReporterType1795444100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "reporter_type" character varying(16) NOT NULL DEFAULT 'person'`,
    );
    // NOT VALID: existing rows hold the default, and checking them would scan the whole table
    // under a lock; VALIDATE then checks them without blocking writes.
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "ck_complaints_reporter_type" CHECK (reporter_type IN ('person', 'organisation', 'government-unit')) NOT VALID`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" VALIDATE CONSTRAINT "ck_complaints_reporter_type"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "ck_complaints_reporter_type"`,
    );
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "reporter_type"`);
  }
}
