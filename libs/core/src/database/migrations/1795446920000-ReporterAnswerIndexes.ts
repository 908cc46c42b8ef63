import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from '../migration-steps';

/**
 * The dashboard counts the reporters' answers (ratings, disputes, reopenings) on every
 * computation: few rows among a million, found through partial indexes. Built CONCURRENTLY, so
 * intake and handling go on while they build (outside a transaction, as PostgreSQL requires).
 */
export class ReporterAnswerIndexes1795446920000 implements MigrationInterface {
  name = 'ReporterAnswerIndexes1795446920000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createIndexConcurrently(
      queryRunner,
      'ix_complaints_answered',
      `ON "complaints" ("id") WHERE rated_at IS NOT NULL OR disputed_at IS NOT NULL`,
    );
    await createIndexConcurrently(
      queryRunner,
      'ix_complaint_events_reopened',
      `ON "complaint_events" ("complaint_id") WHERE type IN ('reopened', 'disputed')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaint_events_reopened"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaints_answered"`);
  }
}
