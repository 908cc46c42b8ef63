import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data an admin manages (docs/desk.md): programmes under a category, categories whose
 * tickets go to the Suku Dinas of their kota, channels switched off for operators; the audit
 * trail of every change (append-only, as the tickets' history); and a notice on each change of
 * the tables the instances cache, so that every API and worker process reloads at once.
 *
 * Every intake write checks its channel and category (foreign keys). Altered in one transaction,
 * the two tables were locked one after the other while intake locked them in its own order:
 * under load the migration and intake waited for each other (bench/migrations.ts). Each
 * statement therefore stands alone, locking one table for an instant, and can run again.
 */
export class ReferenceAdministration1795446950000 implements MigrationInterface {
  name = 'ReferenceAdministration1795446950000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "categories"
         ADD COLUMN IF NOT EXISTS "parent_code" character varying(48),
         ADD COLUMN IF NOT EXISTS "route_to_sudin" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'FK_946e004f2c58a663614cc8c5502') THEN
           ALTER TABLE "categories" ADD CONSTRAINT "FK_946e004f2c58a663614cc8c5502"
             FOREIGN KEY ("parent_code") REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION;
         END IF;
       END $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "channels" ADD COLUMN IF NOT EXISTS "active" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "audit_log" (
         "id" BIGSERIAL NOT NULL,
         "entity" character varying(16) NOT NULL,
         "entity_id" character varying(64) NOT NULL,
         "action" character varying(8) NOT NULL,
         "before" jsonb,
         "after" jsonb,
         "actor_sub" character varying(200) NOT NULL,
         "actor_role" character varying(16) NOT NULL,
         "request_id" character varying(64),
         "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"),
         CONSTRAINT "ck_audit_log_action" CHECK (action IN ('create', 'update', 'delete')))`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_audit_log_entity" ON "audit_log" ("entity", "entity_id", "id")`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
         FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
         FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
    );
    // Delivered on commit, to every process LISTENing (ReferenceChanges): caches reload at once.
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION notify_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('crm_reference', TG_TABLE_NAME);
         RETURN NULL;
       END $$`,
    );
    for (const table of ['units', 'categories', 'channels', 'sla_rules', 'holidays']) {
      await queryRunner.query(
        `CREATE OR REPLACE TRIGGER "${table}_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
           ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION notify_reference_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['units', 'categories', 'channels', 'sla_rules', 'holidays']) {
      await queryRunner.query(`DROP TRIGGER "${table}_notify_change" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION notify_reference_change()`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`ALTER TABLE "channels" DROP COLUMN "active"`);
    await queryRunner.query(
      `ALTER TABLE "categories" DROP CONSTRAINT "FK_946e004f2c58a663614cc8c5502",
         DROP COLUMN "route_to_sudin", DROP COLUMN "parent_code"`,
    );
  }
}
