import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, validateConstraint } from '../migration-steps';

/**
 * The reporter hears back and answers: anonymity asked for at intake, the reporter's dispute and
 * rating on the ticket, how each notice is delivered (the reporter's channel or a unit's
 * webhook) and its claim while it is being sent, and the texts an admin edits. Every column on
 * `complaints` is nullable or has a constant default (no rewrite of the table); the rating's
 * check is added NOT VALID and validated in a statement of its own, and the notices' index is
 * built CONCURRENTLY, so that intake goes on meanwhile (bench/migrations.ts measures it). Outside
 * one transaction, every step can run again.
 */
export class ReporterLoop1795446910000 implements MigrationInterface {
  name = 'ReporterLoop1795446910000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints"
         ADD COLUMN IF NOT EXISTS "reporter_anonymous" boolean NOT NULL DEFAULT false,
         ADD COLUMN IF NOT EXISTS "disputed_at" TIMESTAMP WITH TIME ZONE,
         ADD COLUMN IF NOT EXISTS "rating" smallint,
         ADD COLUMN IF NOT EXISTS "rating_comment" text,
         ADD COLUMN IF NOT EXISTS "rated_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_complaints_rating') THEN
           ALTER TABLE "complaints" ADD CONSTRAINT "ck_complaints_rating"
             CHECK (rating IS NULL OR rating BETWEEN 1 AND 5) NOT VALID;
         END IF;
       END $$`,
    );
    await validateConstraint(queryRunner, 'complaints', 'ck_complaints_rating');
    // Widening a varchar rewrites nothing.
    await queryRunner.query(
      `ALTER TABLE "notifications"
         ADD COLUMN IF NOT EXISTS "delivery" character varying(16) NOT NULL DEFAULT 'webhook',
         ADD COLUMN IF NOT EXISTS "claimed_at" TIMESTAMP WITH TIME ZONE,
         ADD COLUMN IF NOT EXISTS "ticket_status" character varying(24),
         ADD COLUMN IF NOT EXISTS "sequence" bigint,
         ALTER "status" TYPE character varying(16)`,
    );
    // Acknowledgements written before the reporter's channels were delivered to: nothing will
    // send them now, and they must not count as waiting.
    await queryRunner.query(
      `UPDATE "notifications" SET "status" = 'not_configured', "delivery" = 'none',
              "last_error" = 'Written before notices to reporters were delivered'
        WHERE "recipient_unit_code" IS NULL AND "status" = 'pending' AND "sequence" IS NULL`,
    );
    // The reporter's notices of one ticket are delivered in the order of their steps.
    await createIndexConcurrently(
      queryRunner,
      'ix_notifications_reporter',
      `ON "notifications" ("complaint_id", "sequence") WHERE "recipient_unit_code" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "notice_templates" (
         "kind" character varying(32) NOT NULL,
         "text" text NOT NULL,
         "updated_by" character varying(200) NOT NULL,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_notice_templates" PRIMARY KEY ("kind"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notice_templates"`);
    await queryRunner.query(`DROP INDEX "ix_notifications_reporter"`);
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP COLUMN "claimed_at", DROP COLUMN "delivery",
         DROP COLUMN "ticket_status", DROP COLUMN "sequence",
         ALTER "status" TYPE character varying(12)`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT "ck_complaints_rating",
         DROP COLUMN "rated_at", DROP COLUMN "rating_comment", DROP COLUMN "rating",
         DROP COLUMN "disputed_at", DROP COLUMN "reporter_anonymous"`,
    );
  }
}
