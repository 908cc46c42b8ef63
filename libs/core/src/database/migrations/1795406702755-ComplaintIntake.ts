import { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplaintIntake1795406702755 implements MigrationInterface {
  name = 'ComplaintIntake1795406702755';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "queue" character varying(40) NOT NULL, "job_name" character varying(40) NOT NULL, "job_id" character varying(120) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" ("id") WHERE "relayed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tracking_number" character varying(20) NOT NULL, "channel_code" character varying(32) NOT NULL, "external_id" character varying(200), "idempotency_key" character varying(200), "request_hash" character(64) NOT NULL, "status" character varying(24) NOT NULL, "category_code" character varying(48), "description" text NOT NULL, "reporter_name" character varying(200), "reporter_email" character varying(254), "reporter_phone_encrypted" text, "reporter_phone_hash" character(64), "reporter_nik_encrypted" text, "reporter_nik_hash" character(64), "lat" double precision, "lon" double precision, "address" text, "kelurahan_code" character varying(13), "location_method" character varying(20), "location_distance_meters" double precision, "location_alternatives" jsonb NOT NULL DEFAULT '[]', "suggested_unit_code" character varying(40), "assigned_unit_code" character varying(40), "review_reason" text, "channel_details" jsonb NOT NULL DEFAULT '{}', "photos" jsonb NOT NULL DEFAULT '[]', "possible_duplicates" jsonb NOT NULL DEFAULT '[]', "emergency" boolean NOT NULL DEFAULT false, "due_at" TIMESTAMP WITH TIME ZONE, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "routed_at" TIMESTAMP WITH TIME ZONE, "created_by" character varying(200) NOT NULL, "created_by_role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_complaints_lon" CHECK (lon IS NULL OR (lon BETWEEN -180 AND 180)), CONSTRAINT "ck_complaints_lat" CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)), CONSTRAINT "ck_complaints_status" CHECK (status IN ('menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak')), CONSTRAINT "PK_4b7566a2a489c2cc7c12ed076ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_complaints_tracking_number" ON "complaints" ("tracking_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_phone_hash" ON "complaints" ("reporter_phone_hash") WHERE "reporter_phone_hash" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_reporter_nik_hash" ON "complaints" ("reporter_nik_hash") WHERE "reporter_nik_hash" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_category_created" ON "complaints" ("category_code", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_created_at" ON "complaints" ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_kelurahan" ON "complaints" ("kelurahan_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_assigned_unit" ON "complaints" ("assigned_unit_code") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaints_status" ON "complaints" ("status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_complaints_caller_idempotency_key" ON "complaints" ("created_by", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_complaints_channel_external_id" ON "complaints" ("channel_code", "external_id") WHERE "external_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_events" ("id" BIGSERIAL NOT NULL, "complaint_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "actor_sub" character varying(200) NOT NULL, "actor_role" character varying(16) NOT NULL, "actor_unit" character varying(40), "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "reason" text, "data" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9979b3ca11620b323d58446a38" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaint_events_complaint" ON "complaint_events" ("complaint_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "failed_jobs" ("id" BIGSERIAL NOT NULL, "queue" character varying(40) NOT NULL, "job_id" character varying(120) NOT NULL, "job_name" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_11f22f1f6ab8927d72c0ccb700b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_failed_jobs_queue_job" ON "failed_jobs" ("queue", "job_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "complaint_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "channel_code" character varying(32) NOT NULL, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_notifications_complaint_kind" ON "notifications" ("complaint_id", "kind") `,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "FK_195159f1345f44e2ec7ca38023f" FOREIGN KEY ("channel_code") REFERENCES "channels"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "FK_1ead758b4a07fafa4cda9e3d2af" FOREIGN KEY ("category_code") REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "FK_b6ccd6252d5f9368eab97121897" FOREIGN KEY ("kelurahan_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "FK_9bd73e4704f3570bd0b99ef0a24" FOREIGN KEY ("assigned_unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_events" ADD CONSTRAINT "FK_1f884003b0ce325855f85a1b222" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaint_events" DROP CONSTRAINT "FK_1f884003b0ce325855f85a1b222"`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "FK_9bd73e4704f3570bd0b99ef0a24"`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "FK_b6ccd6252d5f9368eab97121897"`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "FK_1ead758b4a07fafa4cda9e3d2af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "FK_195159f1345f44e2ec7ca38023f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ux_notifications_complaint_kind"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."ux_failed_jobs_queue_job"`);
    await queryRunner.query(`DROP TABLE "failed_jobs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_events_complaint"`);
    await queryRunner.query(`DROP TABLE "complaint_events"`);
    await queryRunner.query(`DROP INDEX "public"."ux_complaints_channel_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."ux_complaints_caller_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_assigned_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_kelurahan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_category_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_nik_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_reporter_phone_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ux_complaints_tracking_number"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
