import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public copy of an evidence photo (docs/evidence.md), and the files to remove from the
 * storage: whatever deletes an attachment's row (its ticket's deletion, through the cascade) or
 * replaces its public copy queues the old keys in the same transaction, and the worker removes
 * those files — so bytes never outlive their ticket, and a rolled-back change removes nothing.
 */
export class EvidencePublication1795446980000 implements MigrationInterface {
  name = 'EvidencePublication1795446980000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable columns without a default: a change of the catalog only, no rewrite.
    await queryRunner.query(
      `ALTER TABLE "attachments"
         ADD "public_key" character varying(200),
         ADD "public_thumbnail_key" character varying(200),
         ADD "redactions" jsonb,
         ADD "published_by" character varying(200),
         ADD "published_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE TABLE "file_removals" (
         "key" character varying(200) NOT NULL,
         "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_file_removals" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION queue_file_removals() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           INSERT INTO file_removals (key)
             SELECT key FROM unnest(ARRAY[OLD.storage_key, OLD.thumbnail_key, OLD.public_key,
                                          OLD.public_thumbnail_key]) AS key
              WHERE key IS NOT NULL
             ON CONFLICT DO NOTHING;
           RETURN OLD;
         END IF;
         INSERT INTO file_removals (key)
           SELECT key FROM unnest(ARRAY[OLD.public_key, OLD.public_thumbnail_key]) AS key
            WHERE key IS NOT NULL AND key IS DISTINCT FROM NEW.public_key
              AND key IS DISTINCT FROM NEW.public_thumbnail_key
           ON CONFLICT DO NOTHING;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER attachments_files_removed
         AFTER DELETE OR UPDATE OF public_key, public_thumbnail_key ON attachments
         FOR EACH ROW EXECUTE FUNCTION queue_file_removals()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER attachments_files_removed ON attachments`);
    await queryRunner.query(`DROP FUNCTION queue_file_removals()`);
    await queryRunner.query(`DROP TABLE "file_removals"`);
    await queryRunner.query(
      `ALTER TABLE "attachments" DROP COLUMN "public_key", DROP COLUMN "public_thumbnail_key",
         DROP COLUMN "redactions", DROP COLUMN "published_by", DROP COLUMN "published_at"`,
    );
  }
}
