import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matriks 3 is one row per person, each with its own verification result (Kepsekda 75/2023
 * Tabel 3.5 column (8); a death or a move concerns a person, §3.1.2.d): a verification keeps the
 * results of the members whose own result differs from the household's.
 */
export class Matriks3PerPerson1795443100000 implements MigrationInterface {
  name = 'Matriks3PerPerson1795443100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "prelist_verifications" ADD "member_results" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_verifications" DROP COLUMN "member_results"`);
  }
}
