import { MigrationInterface, QueryRunner } from 'typeorm';

/** Categories whose follow-ups must carry a photo of the work (set by an admin per category). */
export class CategoryPhotoEvidence1795446900000 implements MigrationInterface {
  name = 'CategoryPhotoEvidence1795446900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "categories" ADD "requires_photo_evidence" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "categories" DROP COLUMN "requires_photo_evidence"`);
  }
}
