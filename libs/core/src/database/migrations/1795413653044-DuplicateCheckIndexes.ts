import { MigrationInterface, QueryRunner } from 'typeorm';

export class DuplicateCheckIndexes1795413653044 implements MigrationInterface {
  name = 'DuplicateCheckIndexes1795413653044';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_phone_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_nik_hash"`);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_phone_hash" ON "complaints" ("reporter_phone_hash", "category_code", "created_at") WHERE "reporter_phone_hash" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_nik_hash" ON "complaints" ("reporter_nik_hash", "category_code", "created_at") WHERE "reporter_nik_hash" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_category_lat" ON "complaints" ("category_code", "lat") WHERE "lat" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_category_lat"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_nik_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_phone_hash"`);
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_nik_hash" ON "complaints" ("reporter_nik_hash") WHERE (reporter_nik_hash IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_phone_hash" ON "complaints" ("reporter_phone_hash") WHERE (reporter_phone_hash IS NOT NULL)`,
    );
  }
}
