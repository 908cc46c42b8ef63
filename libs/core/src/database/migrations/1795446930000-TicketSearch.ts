import { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from '../migration-steps';

/**
 * Searching the complaint list (docs/decisions.md, "Search"): full text over the description,
 * the address and the follow-ups' notes, with PostgreSQL's `simple` configuration over
 * lower-cased, unaccented text — `crm_search_text`, an immutable wrapper of `unaccent` so that an
 * index can hold it — and the LAPOR! tracking id a caller reads out. Built CONCURRENTLY, outside
 * a transaction: intake and handling go on while the indexes build over a million tickets.
 */
export class TicketSearch1795446930000 implements MigrationInterface {
  name = 'TicketSearch1795446930000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION crm_search_text(text) RETURNS text
         LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await createIndexConcurrently(
      queryRunner,
      'ix_complaints_search',
      `ON "complaints" USING gin
         (to_tsvector('simple', crm_search_text(description || ' ' || coalesce(address, ''))))`,
    );
    await createIndexConcurrently(
      queryRunner,
      'ix_follow_ups_search',
      `ON "follow_ups" USING gin (to_tsvector('simple', crm_search_text(note)))`,
    );
    await createIndexConcurrently(
      queryRunner,
      'ix_complaints_lapor_id',
      `ON "complaints" ((channel_details->>'laporTrackingId'))
         WHERE channel_details ? 'laporTrackingId'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaints_lapor_id"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_follow_ups_search"`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_complaints_search"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS crm_search_text(text)`);
  }
}
