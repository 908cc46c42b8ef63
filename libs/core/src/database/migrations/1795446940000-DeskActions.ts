import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, validateConstraint } from '../migration-steps';

/**
 * The desk's own columns on a ticket — its priority and the staff member handling it inside the
 * unit — and the indexes its lists and searches use. The columns are nullable or have a constant
 * default (no rewrite of `complaints`); the check is added NOT VALID and validated afterwards,
 * which reads the table without blocking writes; the indexes are built CONCURRENTLY, outside a
 * transaction, so that intake and handling go on meanwhile.
 */
export class DeskActions1795446940000 implements MigrationInterface {
  name = 'DeskActions1795446940000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints"
         ADD COLUMN IF NOT EXISTS "priority" character varying(8) NOT NULL DEFAULT 'biasa',
         ADD COLUMN IF NOT EXISTS "assignee_sub" character varying(200),
         ADD COLUMN IF NOT EXISTS "assignee_name" character varying(200)`,
    );
    await queryRunner.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_complaints_priority') THEN
           ALTER TABLE "complaints" ADD CONSTRAINT "ck_complaints_priority"
             CHECK (priority IN ('biasa', 'tinggi', 'darurat')) NOT VALID;
         END IF;
       END $$`,
    );
    await validateConstraint(queryRunner, 'complaints', 'ck_complaints_priority');
    // Queues put the urgent first; only the few tickets above `biasa` are in this index.
    await createIndexConcurrently(
      queryRunner,
      'ix_complaints_priority',
      `ON "complaints" ("priority", "created_at") WHERE "priority" <> 'biasa'`,
    );
    await createIndexConcurrently(
      queryRunner,
      'ix_complaints_assignee',
      `ON "complaints" ("assignee_sub") WHERE "assignee_sub" IS NOT NULL`,
    );
    // The words of internal notes, for the list's search (the expression of TicketSearch's).
    await createIndexConcurrently(
      queryRunner,
      'ix_complaint_events_note_search',
      `ON "complaint_events" USING gin (to_tsvector('simple', crm_search_text(reason)))
         WHERE type = 'note'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaint_events_note_search"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaints_assignee"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaints_priority"`);
    await queryRunner.query(
      `ALTER TABLE "complaints" DROP CONSTRAINT IF EXISTS "ck_complaints_priority",
         DROP COLUMN IF EXISTS "assignee_name", DROP COLUMN IF EXISTS "assignee_sub",
         DROP COLUMN IF EXISTS "priority"`,
    );
  }
}
