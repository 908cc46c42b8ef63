import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationAndPrelist1795418147024 implements MigrationInterface {
  name = 'ApplicationAndPrelist1795418147024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "prelist_entries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "head_nik_hash" character(64) NOT NULL, "application_id" uuid NOT NULL, "complaint_ids" uuid array NOT NULL, "kelurahan_code" character varying(13) NOT NULL, "emergency" boolean NOT NULL DEFAULT false, "status" character varying(24) NOT NULL DEFAULT 'menunggu_verifikasi', "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_prelist_entries_status" CHECK (status IN ('menunggu_verifikasi', 'diverifikasi', 'layak', 'tidak_layak', 'dikirim', 'ditetapkan')), CONSTRAINT "PK_d16e62880b3093663d1e491bc93" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_prelist_entries_kelurahan" ON "prelist_entries" ("kelurahan_code", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_prelist_entries_open_household" ON "prelist_entries" ("head_nik_hash") WHERE "status" NOT IN ('tidak_layak', 'ditetapkan')`,
    );
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "complaint_id" uuid NOT NULL, "kk_encrypted" text NOT NULL, "kk_hash" character(64) NOT NULL, "address" text NOT NULL, "kelurahan_code" character varying(13) NOT NULL, "monthly_expenditure" bigint NOT NULL, "members" jsonb NOT NULL, "conditions" text array NOT NULL DEFAULT '{}', "suggestion" jsonb NOT NULL, "submitted_by" character varying(200) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_applications_complaint" ON "applications" ("complaint_id") `,
    );
    await queryRunner.query(`ALTER TABLE "complaints" ADD "parent_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_complaints_parent" ON "complaints" ("parent_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_complaints_parent"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ux_applications_complaint"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."ux_prelist_entries_open_household"`);
    await queryRunner.query(`DROP INDEX "public"."ix_prelist_entries_kelurahan"`);
    await queryRunner.query(`DROP TABLE "prelist_entries"`);
  }
}
