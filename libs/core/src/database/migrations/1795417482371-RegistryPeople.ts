import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryPeople1795417482371 implements MigrationInterface {
  name = 'RegistryPeople1795417482371';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "registry_people" ("id" BIGSERIAL NOT NULL, "p3ke_family_id" character varying(40) NOT NULL, "p3ke_individual_id" character varying(40) NOT NULL, "nik_encrypted" text NOT NULL, "nik_hash" character(64) NOT NULL, "kk_encrypted" text NOT NULL, "kk_hash" character(64) NOT NULL, "name" character varying(200) NOT NULL, "sex" character(1) NOT NULL, "relationship" character varying(60) NOT NULL, "kelurahan_code" character varying(13) NOT NULL, "decile" smallint, "central_programmes" text array NOT NULL DEFAULT '{}', "regional_programmes" text array NOT NULL DEFAULT '{}', "row_hash" character(64) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_registry_people_decile" CHECK (decile IS NULL OR decile BETWEEN 1 AND 10), CONSTRAINT "ck_registry_people_sex" CHECK (sex IN ('L', 'P')), CONSTRAINT "PK_1233b1846e3f165d20f26c7024b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_people_family" ON "registry_people" ("p3ke_family_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_people_kk_hash" ON "registry_people" ("kk_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_registry_people_nik_hash" ON "registry_people" ("nik_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_registry_people_person" ON "registry_people" ("p3ke_individual_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_registry_people_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_people_nik_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_people_kk_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registry_people_family"`);
    await queryRunner.query(`DROP TABLE "registry_people"`);
  }
}
