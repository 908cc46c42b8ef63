import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People without a NIK are the poorest, not an error (Kepsekda 75/2023 §2.4.2.2): a household
 * member may be entered without one (flagged in the application's members), a household without
 * a family card, and the prelist entry records that Disdukcapil registers them, with the child
 * ticket that does it.
 */
export class MembersWithoutNik1795443000000 implements MigrationInterface {
  name = 'MembersWithoutNik1795443000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "kk_encrypted" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "kk_hash" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "needs_registration" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "registration_ticket_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "registration_ticket_id"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "needs_registration"`);
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "kk_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "applications" ALTER COLUMN "kk_encrypted" SET NOT NULL`);
  }
}
