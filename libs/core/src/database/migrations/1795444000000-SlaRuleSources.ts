import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each deadline comes from, as its own field (`source`): the rule that sets it, or
 * `local decision` where no rule among the project's sources does. Kepsekda 75/2023 sets no
 * deadline, so the `forward` and `validate` rules' seeded legal basis, which cited its §3.5.f for
 * 3 working days, is corrected too — only where an admin has not rewritten it.
 */
export class SlaRuleSources1795444000000 implements MigrationInterface {
  name = 'SlaRuleSources1795444000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A rule an admin adds without citing one is the admin's own decision.
    await queryRunner.query(
      `ALTER TABLE "sla_rules" ADD "source" text NOT NULL DEFAULT 'local decision'`,
    );
    await queryRunner.query(`
      UPDATE "sla_rules" SET "source" = CASE
        WHEN "clock" = 'respond' THEN 'SE Sekda 61/2018'
        WHEN "clock" IN ('coordinate', 'resolve') THEN 'SE Sekda 40/2019'
        WHEN "clock" = 'forward' THEN 'SP4N-LAPOR!'
        ELSE 'local decision' END
      WHERE "category_code" = '*'
        AND ("clock", "unit_type") IN (
          ('respond', 'kelurahan'), ('respond', 'kecamatan'), ('respond', 'kota'),
          ('coordinate', 'pd'), ('coordinate', 'ukpd'), ('coordinate', 'bumd'),
          ('resolve', 'pd'), ('resolve', 'ukpd'), ('resolve', 'bumd'),
          ('forward', 'diskominfo'), ('validate', 'diskominfo'))`);
    await queryRunner.query(`
      UPDATE "sla_rules" SET "legal_basis" = CASE "clock"
        WHEN 'forward' THEN 'SP4N-LAPOR!: verifikasi dan penerusan pengaduan dalam 3 hari kerja; diterapkan ke semua kanal atas keputusan lokal'
        ELSE 'Keputusan lokal: tidak ada aturan dalam sumber proyek yang menetapkan batas waktu validasi tindak lanjut' END
      WHERE "category_code" = '*' AND "unit_type" = 'diskominfo'
        AND "legal_basis" IN (
          'Kepsekda 75/2023 §3.5.f: Diskominfo meneruskan pengaduan dalam 3 hari kerja',
          'Kepsekda 75/2023 §3.5.f: Diskominfo memvalidasi tindak lanjut dalam 3 hari kerja')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sla_rules" DROP COLUMN "source"`);
  }
}
