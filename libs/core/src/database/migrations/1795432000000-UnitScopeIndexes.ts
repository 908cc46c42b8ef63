import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit's list covers the tickets it holds, was escalated, or ever held (a `toUnit` or
 * `escalatedTo` in the history). These indexes let that scope be four index lookups joined by
 * UNION (TicketAccess.scope) instead of a history search for every ticket in the table, which
 * the load benchmark measured at 1.8 s a page with 100,000 tickets.
 */
export class UnitScopeIndexes1795432000000 implements MigrationInterface {
  name = 'UnitScopeIndexes1795432000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_complaints_escalated_to_unit" ON "complaints" ("escalated_to_unit_code") WHERE "escalated_to_unit_code" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaint_events_to_unit" ON "complaint_events" ((data->>'toUnit'), "complaint_id") WHERE data ? 'toUnit'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_complaint_events_escalated_to" ON "complaint_events" ((data->>'escalatedTo'), "complaint_id") WHERE data ? 'escalatedTo'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_events_escalated_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_events_to_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_escalated_to_unit"`);
  }
}
