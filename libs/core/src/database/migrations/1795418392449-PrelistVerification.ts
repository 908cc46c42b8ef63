import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrelistVerification1795418392449 implements MigrationInterface {
  name = 'PrelistVerification1795418392449';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "prelist_verifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "entry_id" uuid NOT NULL, "agency" character varying(16) NOT NULL, "result" character varying(16) NOT NULL, "corrected_nik_encrypted" text, "note" text NOT NULL, "verified_by" character varying(200) NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_prelist_verifications_result" CHECK (result IN ('ditemukan', 'meninggal', 'pindah', 'tidak_ditemukan')), CONSTRAINT "ck_prelist_verifications_agency" CHECK (agency IN ('dppapp', 'dinsos', 'disdukcapil')), CONSTRAINT "PK_59000565b3345f74727d5e60184" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_prelist_verifications_entry_agency" ON "prelist_verifications" ("entry_id", "agency") `,
    );
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "muskel_eligible" boolean`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "muskel_note" text`);
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "muskel_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "prelist_entries" ADD "exported_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "prelist_entries" ADD "set_by_decree" boolean`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "set_by_decree"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "exported_at"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "muskel_at"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "muskel_note"`);
    await queryRunner.query(`ALTER TABLE "prelist_entries" DROP COLUMN "muskel_eligible"`);
    await queryRunner.query(`DROP INDEX "public"."ux_prelist_verifications_entry_agency"`);
    await queryRunner.query(`DROP TABLE "prelist_verifications"`);
  }
}
