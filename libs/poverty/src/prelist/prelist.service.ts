import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import {
  ApiError,
  APP_CONFIG,
  AppConfig,
  bilingual,
  maskIdentityNumbers,
  maskNik,
  Page,
  PageQuery,
  PiiCipher,
  Principal,
  RejectedRow,
  RejectedRows,
  toCsv,
} from '@crm/core';
import { parseNik } from '@crm/identity';
import { RegionDirectory } from '@crm/reference';
import { PrelistStage, TicketCommands } from '@crm/tickets';
import { PiiAccess } from '../privacy/pii-access.entity';
import { prelistDueAt, prelistDueSql } from './prelist-clock';
import { countedCycle, countedCycleSql, cycleFor } from './prelist-cycles';
import { prelistScope } from './prelist-scope';
import { Application, ApplicationMember } from '../application/application.entity';
import { storedMember } from '../application/submit-application';
import { suggestTriage } from '../application/triage-suggestion';
import { householdKey } from './prelist-household';
import { PrelistEntry } from './prelist-entry.entity';
import { PrelistExport } from './prelist-export.entity';
import {
  MuskelDto,
  MuskelHouseholdDto,
  PrelistEntryDto,
  PrelistExportDto,
  PrelistQuery,
  VerificationDto,
} from './prelist.dto';
import {
  MemberVerification,
  PrelistVerification,
  VerificationResult,
  VERIFYING_AGENCIES,
  VerifyingAgency,
} from './prelist-verification.entity';

/** Matriks 3 (Tabel 3.5 of Kepsekda 75/2023), in the decree's column order. */
export const MATRIKS_3_COLUMNS = [
  'ID Keluarga P3KE',
  'ID Individu P3KE',
  'Nama',
  'NIK',
  'Perbaikan NIK',
  'Jenis Kelamin',
  'Hubungan dengan Kepala Keluarga',
  'Verifikasi',
  'Ditetapkan Kepala Daerah',
  'Penerima Program Pusat: PKH',
  'Penerima Program Pusat: BSPS',
  'Penerima Program Pusat: Lainnya',
  'Penerima Program Daerah: Dana Desa',
  'Penerima Program Daerah: Lainnya',
] as const;

const RESULT_LABEL: Record<string, string> = {
  ditemukan: 'Ditemukan',
  meninggal: 'Meninggal',
  pindah: 'Pindah',
  tidak_ditemukan: 'Tidak Ditemukan',
};

export interface FeedbackReport {
  updated: number;
  /** Every rejected line */
  rejectedCount: number;
  /** The first 100 rejected lines (the header is line 1) and why */
  rejected: RejectedRow[];
}

/** Decisions written per UPDATE: one round trip for many households. */
const FEEDBACK_BATCH = 1_000;
/** A feedback file lists households sent for ranking; more rejections than this say the same. */
const LISTED_REJECTIONS = 100;
const FEEDBACK_COLUMNS = ['nik', 'ditetapkan'];
const NOT_SENT =
  'no prelist entry sent for ranking has this household head (or a line before decided it)';

const OPEN: PrelistEntry['status'][] = ['menunggu_verifikasi', 'diverifikasi'];
/** What the Musyawarah Kelurahan decided on: what Matriks 3 reports. */
const DELIBERATED: PrelistEntry['status'][] = ['layak', 'tidak_layak'];

const notFound = () =>
  new ApiError(
    HttpStatus.NOT_FOUND,
    'PRELIST_ENTRY_NOT_FOUND',
    bilingual(
      'Entri prelist tidak ditemukan; periksa id-nya atau muat ulang daftar prelist',
      'No such prelist entry',
    ),
  );

/**
 * The prelist after triage (§3.1.3): verification by DPPAPP, Dinsos and/or Disdukcapil, the
 * Musyawarah Kelurahan's decision, and the Matriks 3 export for ranking.
 */
@Injectable()
export class PrelistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pii: PiiCipher,
    private readonly regions: RegionDirectory,
    private readonly commands: TicketCommands,
  ) {}

  /** The entries' complaints record the stage, so that their reporters are told (one each). */
  private async tellReporters(
    manager: EntityManager,
    entryIds: readonly string[],
    stage: PrelistStage,
  ): Promise<void> {
    if (!entryIds.length) return;
    const rows: { complaint_id: string }[] = await manager.query(
      `SELECT DISTINCT unnest(complaint_ids) AS complaint_id FROM prelist_entries
        WHERE id = ANY($1::uuid[])`,
      [entryIds],
    );
    await this.commands.serviceStep(
      manager,
      rows.map((row) => row.complaint_id),
      (ticket, context) => ticket.notePrelistStage(stage, context),
    );
  }

  async list(query: PrelistQuery, principal: Principal): Promise<Page<PrelistEntryDto>> {
    const agency = principal.role === 'verifier' ? this.agencyOf(principal) : query.agency;
    const scoped = prelistScope(principal);
    if (!scoped) return { data: [], meta: { total: 0, page: query.page, limit: query.limit } };
    if (query.status) scoped.and((p) => `e.status = ${p}`, query.status);
    else if (principal.role === 'verifier') {
      // Their tasks: households being verified, and the Musyawarah's results to verify again.
      scoped.and(
        (p) =>
          `(e.status = ANY (${p}) OR (e.status IN ('layak', 'tidak_layak')
             AND e.exported_at IS NULL AND e.reverified_at IS NULL))`,
        OPEN,
      );
    }
    if (query.kelurahan) scoped.and((p) => `e.kelurahan_code = ${p}`, query.kelurahan);
    if (query.cycle) {
      // The current cycle's id comes from the validated configuration, not the caller's input.
      const current = cycleFor(new Date(), this.config.prelist.determinationDates).id;
      scoped.and((p) => `${countedCycleSql(`'${current}'`)} = ${p}::date`, query.cycle);
    }
    if (query.overdue !== undefined) {
      // The day counts are validated integers from the configuration, not the caller's input.
      const { verificationDays, muskelDays } = this.config.prelist;
      const due = prelistDueSql(String(verificationDays), String(muskelDays));
      scoped.and((p) => `coalesce(${due} < now(), false) = ${p}`, query.overdue);
    }
    if (agency && (query.agency || principal.role !== 'verifier')) {
      scoped.and(
        (p) =>
          `NOT EXISTS (SELECT 1 FROM prelist_verifications v WHERE v.entry_id = e.id AND v.agency = ${p})`,
        agency,
      );
    }
    const [ids, [{ total }]]: [{ id: string }[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT e.id FROM prelist_entries e WHERE ${scoped.where}
          ORDER BY e.emergency DESC, e.created_at LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        scoped.params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM prelist_entries e WHERE ${scoped.where}`,
        scoped.params,
      ),
    ]);
    const data = await this.views(
      ids.map(({ id }) => id),
      principal.role === 'verifier' ? agency : undefined,
    );
    return { data, meta: { total, page: query.page, limit: query.limit } };
  }

  async verify(id: string, body: VerificationDto, principal: Principal): Promise<PrelistEntryDto> {
    const agency = this.agencyOf(principal);
    const entry = await this.dataSource.manager.findOneBy(PrelistEntry, { id });
    if (!entry) throw notFound();
    // After the Musyawarah, a verification is its re-verification (§3.1.3.4.h), until sent.
    const reverifying = DELIBERATED.includes(entry.status) && !entry.exportedAt;
    if (!OPEN.includes(entry.status) && !reverifying) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'INVALID_TRANSITION',
        bilingual(
          `Verifikasi sudah ditutup: status entri ini ${entry.status}`,
          `Verification is closed: the entry is ${entry.status}`,
        ),
      );
    }
    const application = await this.dataSource.manager.findOneByOrFail(Application, {
      id: entry.applicationId,
    });
    const memberResults = this.memberResults(body, application.members.length);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO prelist_verifications
           (entry_id, agency, result, corrected_nik_encrypted, note, verified_by, member_results)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (entry_id, agency) DO UPDATE SET result = EXCLUDED.result,
           corrected_nik_encrypted = EXCLUDED.corrected_nik_encrypted, note = EXCLUDED.note,
           verified_by = EXCLUDED.verified_by, verified_at = now(),
           member_results = EXCLUDED.member_results`,
        [
          id,
          agency,
          body.result,
          body.correctedNik ? this.pii.encrypt(body.correctedNik) : null,
          body.note,
          principal.sub,
          JSON.stringify(memberResults),
        ],
      );
      // "DPPAPP, Dinsos dan/atau Disdukcapil" (75/2023 §3.5, Masyarakat Miskin Belum Masuk
      // Basis Data 5–7): one agency's verification is enough for the Musyawarah Kelurahan; the
      // others may still add theirs until it decides, so no household waits on a silent agency.
      // An UPDATE answers [rows, count] through TypeORM.
      const [verified]: [unknown[], number] = await manager.query(
        `UPDATE prelist_entries SET status = 'diverifikasi', verified_at = now()
          WHERE id = $1 AND status = 'menunggu_verifikasi' RETURNING id`,
        [id],
      );
      if (verified.length) await this.tellReporters(manager, [id], 'diverifikasi');
      if (reverifying) {
        await manager.query(
          `UPDATE prelist_entries SET reverified_at = now()
            WHERE id = $1 AND status IN ('layak', 'tidak_layak') AND exported_at IS NULL`,
          [id],
        );
      }
    });
    return (await this.views([id], agency))[0];
  }

  /** The members' own results, each naming a member of the household once. */
  private memberResults(body: VerificationDto, householdSize: number): MemberVerification[] {
    const seen = new Set<number>();
    return (body.members ?? []).map((member, index) => {
      const field = `members.${index}.member`;
      if (member.member >= householdSize || seen.has(member.member)) {
        const problem =
          member.member >= householdSize
            ? bilingual(
                `rumah tangga ini hanya punya ${householdSize} anggota (0 sampai ${householdSize - 1})`,
                `the household has ${householdSize} members only (0 to ${householdSize - 1})`,
              )
            : bilingual(
                `anggota ${member.member} sudah disebut sebelumnya`,
                `member ${member.member} is named twice`,
              );
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'VALIDATION_FAILED',
          bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
          [{ field, problem }],
        );
      }
      seen.add(member.member);
      return {
        member: member.member,
        result: member.result,
        correctedNikEncrypted: member.correctedNik ? this.pii.encrypt(member.correctedNik) : null,
      };
    });
  }

  /**
   * A household the Musyawarah Kelurahan adds (§3.1.3.4.g): on the prelist as eligible by its
   * decision, with no complaint behind it, and due for re-verification by the authorised officers
   * before it is sent (§3.1.3.4.h). A kelurahan's staff add to their own kelurahan only.
   */
  async addHousehold(body: MuskelHouseholdDto, principal: Principal): Promise<PrelistEntryDto> {
    if (principal.role === 'unit' && principal.unit !== body.kelurahanCode) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACTION_NOT_ALLOWED',
        bilingual(
          `Musyawarah Kelurahan ${principal.unit} hanya menambahkan rumah tangga kelurahannya sendiri, bukan ${body.kelurahanCode}`,
          `The Musyawarah of ${principal.unit} adds households of its own kelurahan only, not ${body.kelurahanCode}`,
        ),
      );
    }
    this.checkKelurahan(body.kelurahanCode);
    const members = body.members.map((member, index) => storedMember(this.pii, member, index));
    const now = new Date();
    const id = await this.dataSource.transaction(async (manager) => {
      const application = manager.create(Application, {
        complaintId: null,
        kkEncrypted: body.kk ? this.pii.encrypt(body.kk) : null,
        kkHash: body.kk ? this.pii.lookupHash(body.kk) : null,
        address: body.address,
        kelurahanCode: body.kelurahanCode,
        monthlyExpenditure: String(body.monthlyExpenditure),
        members,
        conditions: [],
        suggestion: suggestTriage(
          body.monthlyExpenditure,
          members.length,
          [],
          this.config.povertyLines,
        ),
        submittedBy: principal.sub,
      });
      await manager.save(application);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO prelist_entries
           (head_nik_hash, application_id, complaint_ids, kelurahan_code, source, status,
            muskel_eligible, muskel_note, muskel_at, needs_registration, created_by, cycle_id)
         VALUES ($1, $2, '{}', $3, 'muskel', 'layak', true, $4, $5, $6, $7, $8)
         ON CONFLICT (head_nik_hash) WHERE status NOT IN ('tidak_layak', 'ditetapkan') DO NOTHING
         RETURNING id`,
        [
          householdKey(application),
          application.id,
          body.kelurahanCode,
          body.note,
          now,
          members.some((member) => member.withoutNik),
          principal.sub,
          cycleFor(now, this.config.prelist.determinationDates).id,
        ],
      );
      if (!rows.length) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'ALREADY_PRELISTED',
          bilingual(
            'Rumah tangga ini sudah ada di prelist; cari entrinya di daftar prelist',
            'The household is already on the prelist; find its entry in the prelist',
          ),
        );
      }
      return rows[0].id;
    });
    return (await this.views([id]))[0];
  }

  async muskel(id: string, body: MuskelDto, principal: Principal): Promise<PrelistEntryDto> {
    const entry = await this.dataSource.manager.findOneBy(PrelistEntry, { id });
    // Another kelurahan's household does not exist for a unit (as with its tickets).
    if (!entry || (principal.role === 'unit' && principal.unit !== entry.kelurahanCode)) {
      throw notFound();
    }
    const affected = await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        PrelistEntry,
        { id, status: 'diverifikasi' },
        {
          status: body.eligible ? 'layak' : 'tidak_layak',
          muskelEligible: body.eligible,
          muskelNote: body.note,
          muskelAt: new Date(),
        },
      );
      if (result.affected) await this.tellReporters(manager, [id], 'dimusyawarahkan');
      return result.affected;
    });
    if (!affected) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'INVALID_TRANSITION',
        bilingual(
          `Keputusan Musyawarah Kelurahan dicatat sesudah verifikasi selesai; status entri ini ${entry.status}`,
          `The deliberation follows the verification; the entry is ${entry.status}`,
        ),
      );
    }
    return (await this.views([id]))[0];
  }

  /**
   * Matriks 3 of the entries deliberated and not sent yet, all or one kelurahan's — the eligible
   * ones and the others alike: deaths and moves are what the feedback exists for (Tabel 3.5
   * column (8)). A read, which marks nothing (a GET, a HEAD or a download cut short must not send
   * anyone for ranking). It carries full NIKs: the access log records which households it held.
   */
  async currentMatriks3(
    principal: Principal,
    requestId: string | null,
    kelurahan?: string,
  ): Promise<string> {
    this.checkKelurahan(kelurahan);
    return this.dataSource.transaction(async (manager) => {
      const entries = await manager.find(PrelistEntry, {
        where: {
          status: In(DELIBERATED),
          exportedAt: IsNull(),
          reverifiedAt: Not(IsNull()),
          ...(kelurahan ? { kelurahanCode: kelurahan } : {}),
        },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const csv = await this.matriks3(manager, entries);
      await this.logExport(manager, principal, requestId, {
        subjectId: `matriks-3:${kelurahan ?? 'all'}`,
        entryIds: entries.map((entry) => entry.id),
        reason: 'Matriks 3 of the deliberated prelist entries (read; none marked as sent)',
      });
      return csv;
    });
  }

  /**
   * Sends the deliberated entries not sent yet, all or one kelurahan's: in one transaction the
   * eligible ones become `dikirim` (for ranking), the others keep `tidak_layak`, all are marked
   * sent (`exported_at`), and they are recorded as a batch, whose Matriks 3 can then be
   * downloaded as often as needed. Nothing to send makes a batch of 0 entries. Two requests at
   * once never take the same entry: the UPDATE locks each row and the second sees it sent.
   */
  async createExport(principal: Principal, kelurahan?: string): Promise<PrelistExportDto> {
    this.checkKelurahan(kelurahan);
    return this.dataSource.transaction(async (manager) => {
      // In the order of the current read's Matriks 3: oldest entry first.
      const taken: { id: string; status: string }[] = await manager.query(
        `WITH taken AS (
           UPDATE prelist_entries
              SET status = CASE WHEN status = 'layak' THEN 'dikirim' ELSE status END,
                  exported_at = now(), sent_cycle_id = $2
            WHERE status IN ('layak', 'tidak_layak') AND exported_at IS NULL
              AND reverified_at IS NOT NULL
              AND ($1::varchar IS NULL OR kelurahan_code = $1)
           RETURNING id, status, created_at
         )
         SELECT id, status FROM taken ORDER BY created_at, id`,
        [kelurahan ?? null, cycleFor(new Date(), this.config.prelist.determinationDates).id],
      );
      // Proposed for the decision: the eligible households (the others are sent as data).
      await this.tellReporters(
        manager,
        taken.filter((entry) => entry.status === 'dikirim').map((entry) => entry.id),
        'dikirim',
      );
      const batch = manager.create(PrelistExport, {
        kelurahanCode: kelurahan ?? null,
        entryIds: taken.map((entry) => entry.id),
        createdBy: principal.sub,
      });
      return exportView(await manager.save(batch));
    });
  }

  /** The export batches, newest first. */
  async listExports(query: PageQuery): Promise<Page<PrelistExportDto>> {
    const [batches, total] = await this.dataSource.manager.findAndCount(PrelistExport, {
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return { data: batches.map(exportView), meta: { total, page: query.page, limit: query.limit } };
  }

  /**
   * A batch's Matriks 3, again: the same households, as they are now (once the feedback is in,
   * its decree column says so). Written to the access log with the batch's id.
   */
  async batchMatriks3(id: string, principal: Principal, requestId: string | null): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await manager.findOneBy(PrelistExport, { id });
      if (!batch) {
        throw new ApiError(
          HttpStatus.NOT_FOUND,
          'EXPORT_NOT_FOUND',
          bilingual(
            'Batch ekspor tidak ditemukan; periksa id-nya di daftar ekspor',
            'No such export batch',
          ),
        );
      }
      const entries = await manager.findBy(PrelistEntry, { id: In(batch.entryIds) });
      const position = new Map(batch.entryIds.map((entryId, i) => [entryId, i]));
      entries.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
      const csv = await this.matriks3(manager, entries);
      await this.logExport(manager, principal, requestId, {
        subjectId: batch.id,
        entryIds: batch.entryIds,
        reason: 'Matriks 3 of an export batch (download)',
      });
      return csv;
    });
  }

  /**
   * The feedback (*data balikan*) after ranking: a CSV `nik,ditetapkan` (Ya/Tidak) saying which
   * households the Governor's decree set. Each matches the sent entry of that household head.
   * Streamed: a chunk of the file is parsed at a time and the decisions are written a batch at
   * a time, each batch one statement (no transaction across the file: a file sent again after a
   * failure rejects the lines already applied, whose entries are no longer `dikirim`).
   */
  async importFeedback(input: Readable): Promise<FeedbackReport> {
    const rejected = new RejectedRows(LISTED_REJECTIONS);
    let updated = 0;
    let batch: FeedbackDecision[] = [];
    const parser = input.pipe(
      parse({
        bom: true,
        trim: true,
        skip_empty_lines: true,
        info: true,
        skip_records_with_error: true,
        columns: feedbackHeader,
      }),
    );
    parser.on('skip', (error: Error & { lines?: number }) =>
      rejected.add(error.lines ?? 0, `unreadable CSV: ${error.message}`),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const nik = record.nik ?? '';
      const decision = (record.ditetapkan ?? '').toLowerCase();
      const parsed = parseNik(nik);
      if (!parsed.valid) {
        rejected.add(info.lines, `nik: ${parsed.reason}`);
      } else if (decision !== 'ya' && decision !== 'tidak') {
        rejected.add(info.lines, 'ditetapkan: must be Ya or Tidak');
      } else {
        batch.push({
          line: info.lines,
          headNikHash: this.pii.lookupHash(nik),
          set: decision === 'ya',
        });
        if (batch.length >= FEEDBACK_BATCH) {
          updated += await this.applyFeedback(batch, rejected);
          batch = [];
        }
      }
    }
    if (batch.length) updated += await this.applyFeedback(batch, rejected);
    return { updated, rejectedCount: rejected.count, rejected: rejected.first() };
  }

  /** One batch of decisions in one UPDATE; a head not sent for ranking is rejected by line. */
  private async applyFeedback(batch: FeedbackDecision[], rejected: RejectedRows): Promise<number> {
    // A head named twice: the first line decides, as it would line by line.
    const first = new Map<string, FeedbackDecision>();
    for (const decision of batch) {
      if (first.has(decision.headNikHash)) rejected.add(decision.line, NOT_SENT);
      else first.set(decision.headNikHash, decision);
    }
    const decisions = [...first.values()];
    const decided = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; head_nik_hash: string }[] = await manager.query(
        `WITH decided AS (
           UPDATE prelist_entries e
              SET set_by_decree = d.set, decided_at = now(),
                  status = CASE WHEN d.set THEN 'ditetapkan' ELSE 'tidak_layak' END
             FROM unnest($1::char(64)[], $2::boolean[]) AS d(head_nik_hash, set)
            WHERE e.head_nik_hash = d.head_nik_hash AND e.status = 'dikirim'
           RETURNING e.id, e.head_nik_hash
         )
         SELECT id, head_nik_hash FROM decided`,
        [decisions.map((d) => d.headNikHash), decisions.map((d) => d.set)],
      );
      await this.tellReporters(
        manager,
        rows.map((row) => row.id),
        'diputuskan',
      );
      return rows;
    });
    const applied = new Set(decided.map((row) => row.head_nik_hash));
    for (const decision of decisions) {
      if (!applied.has(decision.headNikHash)) rejected.add(decision.line, NOT_SENT);
    }
    return applied.size;
  }

  /**
   * Matriks 3 of `entries`: one row per person (Tabel 3.5), each with the person's own
   * verification result and corrected NIK, the P3KE ids and the programmes the registry has for
   * the person where the person is in it, and full NIKs.
   */
  private async matriks3(manager: EntityManager, entries: PrelistEntry[]): Promise<string> {
    const ids = entries.map((entry) => entry.id);
    const applications = await manager.findBy(Application, {
      id: In(entries.map((entry) => entry.applicationId)),
    });
    const verifications = await manager.find(PrelistVerification, {
      where: { entryId: In(ids) },
      order: { verifiedAt: 'ASC' },
    });
    const people: { entry: PrelistEntry; member: ApplicationMember; index: number }[] = [];
    for (const entry of entries) {
      const application = applications.find((a) => a.id === entry.applicationId)!;
      application.members.forEach((member, index) => people.push({ entry, member, index }));
    }
    const rows = people.map(({ entry, member, index }) => {
      const checks = verifications.filter((v) => v.entryId === entry.id);
      const outcome = personOutcome(checks, index);
      const nik = member.nikEncrypted ? this.pii.decrypt(member.nikEncrypted) : '';
      const corrected = outcome.correctedNikEncrypted
        ? this.pii.decrypt(outcome.correctedNikEncrypted)
        : '';
      return { entry, member, nik, corrected, result: outcome.result };
    });
    const registry = await this.registryPeople(
      manager,
      rows.flatMap((row) => [row.corrected, row.nik]).filter(Boolean),
    );
    const cells = rows.map(({ entry, member, nik, corrected, result }) => {
      // The corrected NIK is the person's as the population records have it; the registry may
      // still hold the person under the one the form gave.
      const person = (corrected && registry.get(corrected)) || registry.get(nik);
      const central = person?.central ?? [];
      const regional = person?.regional ?? [];
      return [
        person?.familyId ?? '',
        person?.individualId ?? '',
        member.name,
        nik,
        corrected,
        member.sex === 'P' ? 'Perempuan' : 'Laki-laki',
        member.relation,
        result ? RESULT_LABEL[result] : '',
        entry.setByDecree ? 'Ya' : 'Tidak',
        yesNo(central.some((p) => sameProgramme(p, 'PKH'))),
        yesNo(central.some((p) => sameProgramme(p, 'BSPS'))),
        yesNo(central.some((p) => !sameProgramme(p, 'PKH') && !sameProgramme(p, 'BSPS'))),
        yesNo(regional.some((p) => sameProgramme(p, 'Dana Desa'))),
        yesNo(regional.some((p) => !sameProgramme(p, 'Dana Desa'))),
      ];
    });
    return toCsv([[...MATRIKS_3_COLUMNS], ...cells]);
  }

  /** The registry's record of each person found by NIK (the latest row of a NIK), by NIK. */
  private async registryPeople(
    manager: EntityManager,
    niks: string[],
  ): Promise<Map<string, RegistryProgrammes>> {
    const byHash = new Map(niks.map((nik) => [this.pii.lookupHash(nik), nik]));
    if (!byHash.size) return new Map();
    const rows: {
      nik_hash: string;
      p3ke_family_id: string;
      p3ke_individual_id: string;
      central_programmes: string[];
      regional_programmes: string[];
    }[] = await manager.query(
      `SELECT DISTINCT ON (nik_hash) nik_hash, p3ke_family_id, p3ke_individual_id,
              central_programmes, regional_programmes
         FROM registry_people WHERE nik_hash = ANY ($1::char(64)[])
        ORDER BY nik_hash, updated_at DESC`,
      [[...byHash.keys()]],
    );
    return new Map(
      rows.map((row) => [
        byHash.get(row.nik_hash)!,
        {
          familyId: row.p3ke_family_id,
          individualId: row.p3ke_individual_id,
          central: row.central_programmes,
          regional: row.regional_programmes,
        },
      ]),
    );
  }

  /** The access-log row of a Matriks 3 response: who took which households' full NIKs. */
  private async logExport(
    manager: EntityManager,
    principal: Principal,
    requestId: string | null,
    what: { subjectId: string; entryIds: string[]; reason: string },
  ): Promise<void> {
    await manager.insert(PiiAccess, {
      actorSub: principal.sub,
      actorRole: principal.role,
      actorUnit: principal.unit ?? null,
      subject: 'export',
      field: 'nik',
      requestId,
      ...what,
    });
  }

  /** A kelurahan that does not exist is a mistake to report, not an export of nobody. */
  private checkKelurahan(code?: string): void {
    if (code && this.regions.get(code)?.level !== 'kelurahan') {
      const problem = bilingual(
        `${code} bukan kelurahan di DKI Jakarta; periksa kodenya di daftar wilayah`,
        `${code} is not a kelurahan of DKI Jakarta`,
      );
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        bilingual(`kelurahan: ${problem.id}`, `kelurahan: ${problem.en}`),
        [{ field: 'kelurahan', problem }],
      );
    }
  }

  private agencyOf(principal: Principal): VerifyingAgency {
    if (!(VERIFYING_AGENCIES as readonly string[]).includes(principal.unit)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACTION_NOT_ALLOWED',
        bilingual(
          `Verifikator bekerja untuk ${VERIFYING_AGENCIES.join(', ')}; ${principal.unit} bukan salah satunya`,
          `Verifiers work for ${VERIFYING_AGENCIES.join(', ')}; ${principal.unit} is not one of them`,
        ),
      );
    }
    return principal.unit as VerifyingAgency;
  }

  private async views(ids: string[], onlyAgency?: VerifyingAgency): Promise<PrelistEntryDto[]> {
    if (!ids.length) return [];
    const entries = await this.dataSource.manager.findBy(PrelistEntry, { id: In(ids) });
    const applications = await this.dataSource.manager.findBy(Application, {
      id: In(entries.map((entry) => entry.applicationId)),
    });
    const verifications = await this.dataSource.manager.findBy(PrelistVerification, {
      entryId: In(ids),
    });
    const now = Date.now();
    const current = cycleFor(new Date(now), this.config.prelist.determinationDates);
    return ids.map((id) => {
      const entry = entries.find((e) => e.id === id)!;
      const application = applications.find((a) => a.id === entry.applicationId)!;
      const agencies = onlyAgency ? [onlyAgency] : [...VERIFYING_AGENCIES];
      const dueAt = prelistDueAt(entry, this.config.prelist);
      return {
        id: entry.id,
        status: entry.status,
        kelurahanCode: entry.kelurahanCode,
        emergency: entry.emergency,
        complaintIds: entry.complaintIds,
        source: entry.source,
        needsRegistration: entry.needsRegistration,
        registrationTicketId: entry.registrationTicketId,
        members: application.members.map((member) => ({
          name: member.name,
          nik: member.nikEncrypted ? maskNik(this.pii.decrypt(member.nikEncrypted)) : null,
          ...(member.withoutNik ? { withoutNik: true as const } : {}),
          relation: member.relation,
          sex: member.sex,
        })),
        verifications: Object.fromEntries(
          agencies.map((agency) => {
            const v = verifications.find((x) => x.entryId === id && x.agency === agency);
            return [
              agency,
              v
                ? {
                    result: v.result,
                    members: v.memberResults.map(({ member, result }) => ({ member, result })),
                    note: v.note,
                    at: v.verifiedAt.toISOString(),
                  }
                : null,
            ];
          }),
        ),
        muskel:
          entry.muskelEligible === null
            ? null
            : {
                eligible: entry.muskelEligible,
                note: entry.muskelNote,
                at: entry.muskelAt!.toISOString(),
              },
        verifiedAt: entry.verifiedAt?.toISOString() ?? null,
        reverifiedAt: entry.reverifiedAt?.toISOString() ?? null,
        reverificationDue:
          DELIBERATED.includes(entry.status) && !entry.exportedAt && !entry.reverifiedAt,
        exportedAt: entry.exportedAt?.toISOString() ?? null,
        setByDecree: entry.setByDecree,
        decidedAt: entry.decidedAt?.toISOString() ?? null,
        cycle: countedCycle(entry, current),
        dueAt: dueAt?.toISOString() ?? null,
        overdue: dueAt !== null && dueAt.getTime() < now,
        createdAt: entry.createdAt.toISOString(),
      };
    });
  }
}

interface FeedbackDecision {
  line: number;
  headNikHash: string;
  set: boolean;
}

/** The feedback file's header: it must name `nik` and `ditetapkan` (any case, any order). */
function feedbackHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  if (!FEEDBACK_COLUMNS.every((column) => names.includes(column))) {
    // A file without its header starts with a household head: what was found is masked.
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'FEEDBACK_HEADER',
      bilingual(
        `Baris judul (header) harus memuat kolom ${FEEDBACK_COLUMNS.join(',')} (yang ditemukan: ${maskIdentityNumbers(names.join(','))}); tambahkan baris judul itu di baris pertama berkas`,
        `The header must name the columns ${FEEDBACK_COLUMNS.join(',')} (found ${maskIdentityNumbers(names.join(','))})`,
      ),
    );
  }
  return names;
}

function exportView(batch: PrelistExport): PrelistExportDto {
  return {
    id: batch.id,
    kelurahan: batch.kelurahanCode,
    entries: batch.entryIds.length,
    entryIds: batch.entryIds,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy,
    download: `/api/v1/prelist/exports/${batch.id}.csv`,
  };
}

/** What Matriks 3 takes from the registry for a person found in it. */
interface RegistryProgrammes {
  familyId: string;
  individualId: string;
  central: string[];
  regional: string[];
}

/**
 * One person's verification result and corrected NIK. A result an agency gave for this member
 * wins — Disdukcapil's first, as births, deaths and moves are its records (§3.1.2.d), else the
 * latest; otherwise the household's (Disdukcapil's, else the latest) is the head's, and the other
 * members were found with the household unless it was not found at all.
 */
function personOutcome(
  checks: PrelistVerification[],
  index: number,
): { result: VerificationResult | null; correctedNikEncrypted: string | null } {
  const own = checks
    .flatMap((check) =>
      check.memberResults
        .filter((result) => result.member === index)
        .map((result) => ({ agency: check.agency, ...result })),
    )
    .sort((a, b) => Number(b.agency === 'disdukcapil') - Number(a.agency === 'disdukcapil'));
  const decisive = checks.find((v) => v.agency === 'disdukcapil') ?? checks.at(-1);
  const ownResult = own.find((r) => r.agency === 'disdukcapil') ?? own.at(-1);
  const ownCorrected = own.find((r) => r.correctedNikEncrypted)?.correctedNikEncrypted ?? null;
  const headCorrected =
    index === 0
      ? (checks.find((v) => v.correctedNikEncrypted)?.correctedNikEncrypted ?? null)
      : null;
  const householdResult = !decisive
    ? null
    : index === 0 || decisive.result === 'tidak_ditemukan'
      ? decisive.result
      : 'ditemukan';
  return {
    result: ownResult?.result ?? householdResult,
    correctedNikEncrypted: ownCorrected ?? headCorrected,
  };
}

const yesNo = (value: boolean) => (value ? 'Ya' : 'Tidak');

/** Programme names as the registry writes them: any case, any spacing. */
const sameProgramme = (name: string, programme: string) =>
  name.trim().replace(/\s+/g, ' ').toLowerCase() === programme.toLowerCase();
