import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matriks 3 export batches: `POST /api/v1/prelist/exports` marks the eligible entries as sent and
 * records them here, so that the batch downloads again and its downloads are logged by its id.
 * The access log records which prelist entries each Matriks 3 response carried (it recorded a
 * count only). Like the access log, a batch cannot be rewritten.
 */
export class PrelistExportBatches1795440000000 implements MigrationInterface {
  name = 'PrelistExportBatches1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "prelist_exports" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "kelurahan_code" character varying(13), "entry_ids" uuid array NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_75e8cff8d93d4683347998128db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_prelist_exports_created_at" ON "prelist_exports" ("created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "pii_access_log" ADD "entry_ids" uuid array`);
    await queryRunner.query(
      `CREATE TRIGGER prelist_exports_no_update_delete BEFORE UPDATE OR DELETE ON "prelist_exports" FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER prelist_exports_no_truncate BEFORE TRUNCATE ON "prelist_exports" FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER prelist_exports_no_truncate ON "prelist_exports"`);
    await queryRunner.query(`DROP TRIGGER prelist_exports_no_update_delete ON "prelist_exports"`);
    await queryRunner.query(`ALTER TABLE "pii_access_log" DROP COLUMN "entry_ids"`);
    await queryRunner.query(`DROP INDEX "public"."ix_prelist_exports_created_at"`);
    await queryRunner.query(`DROP TABLE "prelist_exports"`);
  }
}
