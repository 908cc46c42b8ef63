import { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardFacts1795426196170 implements MigrationInterface {
  name = 'DashboardFacts1795426196170';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sla_outcomes" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "complaint_id" uuid NOT NULL, "unit_code" character varying(40) NOT NULL, "clock" character varying(16) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "met" boolean NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba7d109e2c7018424bb2bdac52b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sla_outcomes_recorded_at" ON "sla_outcomes" ("recorded_at", "id") `,
    );
    // One outcome per deadline: a follow-up sent again after a rejection runs on the same
    // deadline, and only its first decision counts.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_sla_outcomes_deadline" ON "sla_outcomes" ("complaint_id", "clock", "due_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "row_seq" integer GENERATED ALWAYS AS IDENTITY NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_complaints_row_seq" ON "complaints" ("row_seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_updated_at" ON "complaints" ("updated_at", "row_seq") `,
    );
    // The dashboard finds changed tickets by updated_at, so every update must set it, whoever
    // writes (TypeORM does; a hand-written UPDATE might forget).
    await queryRunner.query(`
      CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER complaints_touch_updated_at BEFORE UPDATE ON "complaints" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER sla_outcomes_no_update_delete BEFORE UPDATE OR DELETE ON "sla_outcomes" FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER sla_outcomes_no_truncate BEFORE TRUNCATE ON "sla_outcomes" FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER complaints_touch_updated_at ON "complaints"`);
    await queryRunner.query(`DROP FUNCTION touch_updated_at()`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_updated_at"`);
    await queryRunner.query(`DROP INDEX "public"."ux_complaints_row_seq"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "row_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ux_sla_outcomes_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sla_outcomes_recorded_at"`);
    await queryRunner.query(`DROP TABLE "sla_outcomes"`);
  }
}
