import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryCheckAndPiiAccess1795417762137 implements MigrationInterface {
  name = 'RegistryCheckAndPiiAccess1795417762137';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pii_access_log" ("id" BIGSERIAL NOT NULL, "actor_sub" character varying(200) NOT NULL, "actor_role" character varying(16) NOT NULL, "actor_unit" character varying(40), "subject" character varying(16) NOT NULL, "subject_id" character varying(64) NOT NULL, "field" character varying(32) NOT NULL, "reason" text NOT NULL, "request_id" character varying(128), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5448828374f1904a07fc0842cb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pii_access_log_subject" ON "pii_access_log" ("subject", "subject_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_pii_access_log_at" ON "pii_access_log" ("at") `);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "registry_status" character varying(32)`);
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "registry_checked_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "clock_paused_at" TIMESTAMP WITH TIME ZONE`,
    );
    // Like the ticket history, the access log cannot be rewritten (same function).
    await queryRunner.query(
      `CREATE TRIGGER pii_access_log_no_update_delete BEFORE UPDATE OR DELETE ON "pii_access_log" FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER pii_access_log_no_truncate BEFORE TRUNCATE ON "pii_access_log" FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER pii_access_log_no_truncate ON "pii_access_log"`);
    await queryRunner.query(`DROP TRIGGER pii_access_log_no_update_delete ON "pii_access_log"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "clock_paused_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "registry_checked_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "registry_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pii_access_log_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pii_access_log_subject"`);
    await queryRunner.query(`DROP TABLE "pii_access_log"`);
  }
}
