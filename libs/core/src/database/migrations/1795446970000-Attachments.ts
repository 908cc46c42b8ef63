import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos and documents of a ticket (docs/evidence.md; their bytes are in the file storage), and
 * the ones a follow-up shows.
 */
export class Attachments1795446970000 implements MigrationInterface {
  name = 'Attachments1795446970000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachments" (
         "id" uuid NOT NULL,
         "complaint_id" uuid NOT NULL,
         "kind" character varying(8) NOT NULL,
         "content_type" character varying(40) NOT NULL,
         "size" integer NOT NULL,
         "width" integer,
         "height" integer,
         "storage_key" character varying(200) NOT NULL,
         "thumbnail_key" character varying(200),
         "uploaded_by" character varying(200) NOT NULL,
         "uploaded_role" character varying(16) NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "ck_attachments_kind" CHECK (kind IN ('report', 'evidence')),
         CONSTRAINT "PK_attachments" PRIMARY KEY ("id"),
         CONSTRAINT "FK_98b0639756edac0d1db20e1c04e" FOREIGN KEY ("complaint_id")
           REFERENCES "complaints"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_attachments_complaint" ON "attachments" ("complaint_id", "created_at")`,
    );
    // A constant default: no rewrite of the table.
    await queryRunner.query(
      `ALTER TABLE "follow_ups" ADD "attachment_ids" jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "attachment_ids"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
  }
}
