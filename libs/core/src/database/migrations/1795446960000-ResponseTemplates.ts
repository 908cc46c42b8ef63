import { MigrationInterface, QueryRunner } from 'typeorm';

/** The desk's response templates: texts per category and stage that an admin writes. */
export class ResponseTemplates1795446960000 implements MigrationInterface {
  name = 'ResponseTemplates1795446960000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "response_templates" (
         "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
         "category_code" character varying(48),
         "stage" character varying(16) NOT NULL,
         "title" character varying(120) NOT NULL,
         "text" text NOT NULL,
         "active" boolean NOT NULL DEFAULT true,
         "updated_by" character varying(200) NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "ck_response_templates_stage"
           CHECK (stage IN ('follow-up', 'validation', 'rejection', 'reply')),
         CONSTRAINT "PK_response_templates" PRIMARY KEY ("id"),
         CONSTRAINT "FK_ca85af3278d6dbdd2e1c472d12e" FOREIGN KEY ("category_code")
           REFERENCES "categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_response_templates_category_stage"
         ON "response_templates" ("category_code", "stage")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "response_templates"`);
  }
}
