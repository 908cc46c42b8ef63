import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channel facts an operator's entry left out. A constant default: PostgreSQL 11+ adds the
 * column without rewriting `complaints`.
 */
export class MissingChannelDetails1795442000000 implements MigrationInterface {
  name = 'MissingChannelDetails1795442000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD "missing_details" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "missing_details"`);
  }
}
