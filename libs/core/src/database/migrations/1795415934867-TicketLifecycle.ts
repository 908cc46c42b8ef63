import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketLifecycle1795415934867 implements MigrationInterface {
  name = 'TicketLifecycle1795415934867';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_notifications_complaint_kind"`);
    await queryRunner.query(
      `CREATE TABLE "sla_rules" ("id" SERIAL NOT NULL, "clock" character varying(16) NOT NULL, "unit_type" character varying(16) NOT NULL, "category_code" character varying(40) NOT NULL DEFAULT '*', "amount" integer NOT NULL, "measure" character varying(16) NOT NULL, "legal_basis" text NOT NULL, CONSTRAINT "ck_sla_rules_measure" CHECK (measure IN ('hours', 'days', 'working_days')), CONSTRAINT "ck_sla_rules_clock" CHECK (clock IN ('forward', 'respond', 'coordinate', 'resolve', 'validate')), CONSTRAINT "PK_677836e92af40f525136e48b3e3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_sla_rules_scope" ON "sla_rules" ("clock", "unit_type", "category_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "complaint_id" uuid NOT NULL, "unit_code" character varying(40) NOT NULL, "note" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "done_at" TIMESTAMP WITH TIME ZONE, "submitted_by" character varying(200) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision" character varying(8), "decision_note" text, "decided_by" character varying(200), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_complaint" ON "follow_ups" ("complaint_id", "submitted_at") `,
    );
    await queryRunner.query(`ALTER TABLE "units" ADD "webhook_url" text`);
    await queryRunner.query(`ALTER TABLE "units" ADD "webhook_secret" text`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "sla_clock" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "resolution_due_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "overdue" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "escalation_level" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "escalated_to_unit_code" character varying(40)`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "bounce_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "flagged" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "complaints" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "first_response_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "complaints" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "duplicate_of" uuid`);
    await queryRunner.query(
      `ALTER TABLE "complaint_events" ADD "request_id" character varying(128)`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" ADD "not_before" TIMESTAMP WITH TIME ZONE`,
    );
    // Acknowledgements written so far get their key before the column becomes required.
    await queryRunner.query(`ALTER TABLE "notifications" ADD "dedupe_key" character varying(120)`);
    await queryRunner.query(
      `UPDATE "notifications" SET "dedupe_key" = "kind" || ':' || "complaint_id"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "dedupe_key" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "recipient_unit_code" character varying(40)`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "status" character varying(12) NOT NULL DEFAULT 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD "attempts" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" ADD "last_error" text`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ALTER COLUMN "channel_code" DROP NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_due" ON "complaints" ("due_at") WHERE "due_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_status" ON "notifications" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_notifications_dedupe_key" ON "notifications" ("dedupe_key") `,
    );

    // The history cannot be rewritten: PostgreSQL itself refuses to change or remove an event.
    await queryRunner.query(`
      CREATE FUNCTION append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER complaint_events_no_update_delete BEFORE UPDATE OR DELETE ON "complaint_events" FOR EACH ROW EXECUTE FUNCTION append_only_table()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON "complaint_events" FOR EACH STATEMENT EXECUTE FUNCTION append_only_table()`,
    );

    // Jakarta's deadlines (docs/lifecycle.md); admins may add category-specific rows.
    await queryRunner.query(`
      INSERT INTO "sla_rules" ("clock", "unit_type", "amount", "measure", "legal_basis") VALUES
        ('forward', 'diskominfo', 3, 'working_days', 'Kepsekda 75/2023 §3.5.f: Diskominfo meneruskan pengaduan dalam 3 hari kerja'),
        ('validate', 'diskominfo', 3, 'working_days', 'Kepsekda 75/2023 §3.5.f: Diskominfo memvalidasi tindak lanjut dalam 3 hari kerja'),
        ('respond', 'kelurahan', 24, 'hours', 'SE Sekda 61/2018: kelurahan menindaklanjuti dalam 24 jam'),
        ('respond', 'kecamatan', 24, 'hours', 'SE Sekda 61/2018, applied to kecamatan offices'),
        ('respond', 'kota', 24, 'hours', 'SE Sekda 61/2018, applied to kota offices'),
        ('coordinate', 'pd', 6, 'hours', 'SE Sekda 40/2019: PD berkoordinasi dalam 6 jam'),
        ('coordinate', 'ukpd', 6, 'hours', 'SE Sekda 40/2019: UKPD berkoordinasi dalam 6 jam'),
        ('coordinate', 'bumd', 6, 'hours', 'SE Sekda 40/2019: BUMD berkoordinasi dalam 6 jam'),
        ('resolve', 'pd', 7, 'days', 'SE Sekda 40/2019: penyelesaian rata-rata 7 hari'),
        ('resolve', 'ukpd', 7, 'days', 'SE Sekda 40/2019: penyelesaian rata-rata 7 hari'),
        ('resolve', 'bumd', 7, 'days', 'SE Sekda 40/2019: penyelesaian rata-rata 7 hari')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER complaint_events_no_truncate ON "complaint_events"`);
    await queryRunner.query(`DROP TRIGGER complaint_events_no_update_delete ON "complaint_events"`);
    await queryRunner.query(`DROP FUNCTION append_only_table()`);
    await queryRunner.query(`DROP INDEX "public"."ux_notifications_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_due"`);
    await queryRunner.query(`ALTER TABLE "notifications" ALTER COLUMN "channel_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "last_error"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "attempts"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "recipient_unit_code"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "dedupe_key"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "not_before"`);
    await queryRunner.query(`ALTER TABLE "complaint_events" DROP COLUMN "request_id"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "duplicate_of"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "first_response_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "assigned_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "flagged"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "bounce_count"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "escalated_to_unit_code"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "escalation_level"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "overdue"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "sla_clock"`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "webhook_url"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_complaint"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP INDEX "public"."ux_sla_rules_scope"`);
    await queryRunner.query(`DROP TABLE "sla_rules"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_notifications_complaint_kind" ON "notifications" ("complaint_id", "kind") `,
    );
  }
}
