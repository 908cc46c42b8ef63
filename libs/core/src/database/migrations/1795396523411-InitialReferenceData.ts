import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReferenceData1795396523411 implements MigrationInterface {
  name = 'InitialReferenceData1795396523411';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regions" ("code" character varying(13) NOT NULL, "level" character varying(16) NOT NULL, "name" character varying(120) NOT NULL, "parent_code" character varying(13), "geometry" jsonb, CONSTRAINT "ck_regions_level" CHECK (level IN ('provinsi', 'kota', 'kecamatan', 'kelurahan')), CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_regions_parent" ON "regions" ("parent_code") `);
    await queryRunner.query(`CREATE INDEX "ix_regions_level" ON "regions" ("level") `);
    await queryRunner.query(
      `CREATE TABLE "holidays" ("date" date NOT NULL, "name" character varying(160) NOT NULL, "kind" character varying(16) NOT NULL, "legal_basis" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_holidays_kind" CHECK (kind IN ('libur_nasional', 'cuti_bersama')), CONSTRAINT "PK_40dfddee0c0d7125c767d8962b1" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "units" ("code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "parent_code" character varying(40), "region_code" character varying(13), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_units_type" CHECK (type IN ('kelurahan', 'kecamatan', 'kota', 'pd', 'ukpd', 'bumd', 'mitra')), CONSTRAINT "PK_47635c1ab22d02fc3ebae3608b8" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_units_parent" ON "units" ("parent_code") `);
    await queryRunner.query(`CREATE INDEX "ix_units_type" ON "units" ("type") `);
    await queryRunner.query(
      `CREATE TABLE "channels" ("code" character varying(32) NOT NULL, "name" character varying(120) NOT NULL, "geotagged" boolean NOT NULL, "responsible_unit_code" character varying(40), "responsible_unit_type" character varying(16), "responsible_official" character varying(120) NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_108c371bded832737d4158cbb3b" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "categories" ("code" character varying(48) NOT NULL, "name" character varying(160) NOT NULL, "group_name" character varying(80) NOT NULL, "description" text NOT NULL, "keywords" text array NOT NULL DEFAULT '{}', "default_unit_code" character varying(40) NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_77d7eff8a7aaa05457a12b8007a" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "FK_7241ca7859f4288fb12567dd959" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "FK_828793f2bf9ddc263b7a1bc5c06" FOREIGN KEY ("parent_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "FK_cd54b84b95e63d6c4c965ebd4af" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "channels" ADD CONSTRAINT "FK_1cc7b2332851c28ac4697c20675" FOREIGN KEY ("responsible_unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "categories" ADD CONSTRAINT "FK_6d18d5155f3cbe6de1d21f2d8a4" FOREIGN KEY ("default_unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "categories" DROP CONSTRAINT "FK_6d18d5155f3cbe6de1d21f2d8a4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "channels" DROP CONSTRAINT "FK_1cc7b2332851c28ac4697c20675"`,
    );
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "FK_cd54b84b95e63d6c4c965ebd4af"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "FK_828793f2bf9ddc263b7a1bc5c06"`);
    await queryRunner.query(
      `ALTER TABLE "regions" DROP CONSTRAINT "FK_7241ca7859f4288fb12567dd959"`,
    );
    await queryRunner.query(`DROP TABLE "categories"`);
    await queryRunner.query(`DROP TABLE "channels"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_parent"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP TABLE "holidays"`);
    await queryRunner.query(`DROP INDEX "public"."ix_regions_level"`);
    await queryRunner.query(`DROP INDEX "public"."ix_regions_parent"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
