import { MigrationInterface, QueryRunner } from 'typeorm';

/** Open311 API keys bound to channels, and what an Open311 POST carried beyond the ticket. */
export class Open311ApiKeys1795420000000 implements MigrationInterface {
  name = 'Open311ApiKeys1795420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "open311_api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(120) NOT NULL, "channel_code" character varying(32) NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" character varying(12) NOT NULL, "source" character varying(8) NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_open311_api_keys_source" CHECK (source IN ('admin', 'config')), CONSTRAINT "PK_0286eb2624b6e0987ca51bdcd16" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_open311_api_keys_key_hash" ON "open311_api_keys" ("key_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "open311_submissions" ("complaint_id" uuid NOT NULL, "api_key_id" uuid NOT NULL, "media_url" character varying(500), "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9794578ff9f213dd2a5dd8e45e4" PRIMARY KEY ("complaint_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_open311_submissions_api_key" ON "open311_submissions" ("api_key_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_api_keys" ADD CONSTRAINT "FK_4c69080a926de1c72e11d5e47a6" FOREIGN KEY ("channel_code") REFERENCES "channels"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_submissions" ADD CONSTRAINT "FK_9794578ff9f213dd2a5dd8e45e4" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_submissions" ADD CONSTRAINT "FK_e9b31b501ee54594146915dee59" FOREIGN KEY ("api_key_id") REFERENCES "open311_api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "open311_submissions" DROP CONSTRAINT "FK_e9b31b501ee54594146915dee59"`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_submissions" DROP CONSTRAINT "FK_9794578ff9f213dd2a5dd8e45e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "open311_api_keys" DROP CONSTRAINT "FK_4c69080a926de1c72e11d5e47a6"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_open311_submissions_api_key"`);
    await queryRunner.query(`DROP TABLE "open311_submissions"`);
    await queryRunner.query(`DROP INDEX "public"."ux_open311_api_keys_key_hash"`);
    await queryRunner.query(`DROP TABLE "open311_api_keys"`);
  }
}
