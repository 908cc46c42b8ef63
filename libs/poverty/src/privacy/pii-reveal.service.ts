import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApiError,
  APP_CONFIG,
  AppConfig,
  Bilingual,
  bilingual,
  Page,
  PageQuery,
  PiiCipher,
  Principal,
} from '@crm/core';
import { RegistryPerson } from '@crm/registry';
import { Application } from '../application/application.entity';
import { PrelistEntry } from '../prelist/prelist-entry.entity';
import { VERIFYING_AGENCIES } from '../prelist/prelist-verification.entity';
import { Complaint, TicketAccess } from '@crm/tickets';
import { PiiAccess, PiiAccessDto } from './pii-access.entity';

export const REVEAL_SUBJECTS = ['complaint', 'registry', 'prelist'] as const;
export const REVEAL_FIELDS = ['nik', 'kk', 'phone'] as const;

export interface RevealRequest {
  subject: (typeof REVEAL_SUBJECTS)[number];
  /** The ticket id (for `complaint`, and for `registry`: the ticket whose check found the person), or the prelist entry id */
  id: string;
  field: (typeof REVEAL_FIELDS)[number];
  reason: string;
}

/** Prelist entries still being verified: what a verifier may need to read in full. */
const VERIFIABLE: PrelistEntry['status'][] = ['menunggu_verifikasi', 'diverifikasi'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;

const unavailable = (what: Bilingual) =>
  new ApiError(
    HttpStatus.NOT_FOUND,
    'NOT_FOUND',
    bilingual(
      `Tidak ada ${what.id} yang dapat dibuka; periksa id dan kolom yang diminta`,
      `No ${what.en} to reveal`,
    ),
  );
const notAllowed = (message: Bilingual) =>
  new ApiError(HttpStatus.FORBIDDEN, 'ACTION_NOT_ALLOWED', message);
/** A revealable field as an official names it. */
const FIELD_NAME: Record<RevealRequest['field'], string> = {
  nik: 'NIK',
  kk: 'nomor KK',
  phone: 'nomor telepon',
};

/**
 * The one way a full NIK, KK number or phone number leaves the service (besides the Matriks 3
 * export). Who may read what:
 * - Diskominfo: a ticket it may read (the reporter's NIK or phone); the registry record that a
 *   ticket's registry check found (by the ticket's id — registry rows are never addressed by
 *   their own, enumerable ids); a prelist household's head NIK or KK.
 * - a verifier of DPPAPP, Dinsos or Disdukcapil: a prelist household still being verified, and
 *   nothing else.
 * Each reveal is written to the access log in the same transaction as it is read, and each person
 * may reveal at most PII_REVEAL_LIMIT values an hour: past that, 429 and an alert in the log.
 */
@Injectable()
export class PiiRevealService {
  private readonly logger = new Logger('PiiReveal');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pii: PiiCipher,
    private readonly access: TicketAccess,
  ) {}

  async reveal(
    request: RevealRequest,
    principal: Principal,
    requestId: string | null,
  ): Promise<{ value: string }> {
    const encrypted = await this.encryptedValue(request, principal);
    return this.dataSource.transaction(async (manager) => {
      await this.withinHourlyLimit(manager, principal);
      await manager.insert(PiiAccess, {
        actorSub: principal.sub,
        actorRole: principal.role,
        actorUnit: principal.unit ?? null,
        subject: request.subject,
        subjectId: request.id,
        field: request.field,
        reason: request.reason,
        requestId,
      });
      return { value: this.pii.decrypt(encrypted) };
    });
  }

  /** Who read which personal data, and why (newest first). */
  async accessLog(query: PageQuery): Promise<Page<PiiAccessDto>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(PiiAccess, {
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return {
      data: rows.map((row) => ({
        id: row.id,
        actor: row.actorSub,
        role: row.actorRole,
        unit: row.actorUnit,
        subject: row.subject,
        subjectId: row.subjectId,
        field: row.field,
        reason: row.reason,
        requestId: row.requestId,
        at: row.at.toISOString(),
      })),
      meta: { total, page: query.page, limit: query.limit },
    };
  }

  /** Counts the person's reveals of the last hour, one person at a time (an advisory lock). */
  private async withinHourlyLimit(manager: EntityManager, principal: Principal): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('pii-reveal:' || $1))`, [
      principal.sub,
    ]);
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM pii_access_log
        WHERE actor_sub = $1 AND at > $2 AND subject <> 'export'`,
      [principal.sub, new Date(Date.now() - HOUR_MS)],
    );
    const limit = this.config.pii.revealLimitPerHour;
    if (n < limit) return;
    this.logger.error(
      { alert: 'pii-reveal-limit', actor: principal.sub, role: principal.role, limit },
      `ALERT: ${principal.sub} (${principal.role}, ${principal.unit}) reached the limit of ${limit} personal-data reveals an hour`,
    );
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'REVEAL_LIMIT_REACHED',
      bilingual(
        `Anda sudah membuka ${n} data dalam satu jam terakhir, batas yang diizinkan (${limit}); administrator telah diberi tahu. Tunggu, atau minta administrator bila pekerjaan memerlukan lebih`,
        `You have revealed ${n} values in the last hour, the most allowed (${limit}); an administrator has been alerted. Wait, or ask an administrator if the work needs more`,
      ),
    );
  }

  private async encryptedValue(request: RevealRequest, principal: Principal): Promise<string> {
    if (principal.role === 'verifier') {
      if (request.subject !== 'prelist') {
        throw notAllowed(
          bilingual(
            'Verifikator hanya boleh membuka data rumah tangga prelist yang sedang diverifikasinya, tidak yang lain',
            'Verifiers reveal the data of prelist households they verify, nothing else',
          ),
        );
      }
      if (!(VERIFYING_AGENCIES as readonly string[]).includes(principal.unit)) {
        throw notAllowed(
          bilingual(
            `Verifikator bekerja untuk ${VERIFYING_AGENCIES.join(', ')}; ${principal.unit} tidak memverifikasi entri prelist`,
            `Verifiers work for ${VERIFYING_AGENCIES.join(', ')}; ${principal.unit} verifies no prelist entry`,
          ),
        );
      }
    }
    const manager = this.dataSource.manager;
    switch (request.subject) {
      case 'complaint': {
        const ticket = await this.readableTicket(request.id, principal);
        const value =
          request.field === 'nik'
            ? ticket?.reporterNikEncrypted
            : request.field === 'phone'
              ? ticket?.reporterPhoneEncrypted
              : null;
        if (!ticket) throw unavailable(bilingual('tiket', 'ticket'));
        if (!value) {
          throw unavailable(
            bilingual(
              `${FIELD_NAME[request.field]} pada tiket ini`,
              `${request.field} on this ticket`,
            ),
          );
        }
        return value;
      }
      case 'registry': {
        if (!UUID.test(request.id)) {
          throw new ApiError(
            HttpStatus.BAD_REQUEST,
            'VALIDATION_FAILED',
            bilingual(
              'id: untuk subject registry, isi dengan id tiket yang pemeriksaan registrinya menemukan orang tersebut',
              'id: for subject registry, give the id of the ticket whose registry check found the person',
            ),
            [
              {
                field: 'id',
                problem: bilingual(
                  'harus id tiket (UUID) untuk subject registry',
                  'must be a ticket id (UUID) for subject registry',
                ),
              },
            ],
          );
        }
        const ticket = await this.readableTicket(request.id, principal);
        const person =
          ticket?.reporterNikHash && ticket.registryStatus?.startsWith('registered')
            ? await manager.findOne(RegistryPerson, {
                where: { nikHash: ticket.reporterNikHash },
                order: { updatedAt: 'DESC' },
              })
            : null;
        if (!person) {
          throw unavailable(
            bilingual(
              'data registri yang ditemukan pemeriksaan registri tiket ini',
              'registry record found by this ticket’s registry check',
            ),
          );
        }
        if (request.field === 'phone') {
          throw unavailable(bilingual('nomor telepon di registri', 'phone in the registry'));
        }
        return request.field === 'nik' ? person.nikEncrypted : person.kkEncrypted;
      }
      case 'prelist': {
        const entry = UUID.test(request.id)
          ? await manager.findOneBy(PrelistEntry, { id: request.id })
          : null;
        // A verifier's work ends with the verification: closed households are not theirs to read.
        const open =
          entry &&
          (principal.role !== 'verifier' ||
            VERIFIABLE.includes(entry.status) ||
            // The Musyawarah's result, due for the officers' re-verification (§3.1.3.4.h).
            (!entry.exportedAt && !entry.reverifiedAt && entry.muskelAt !== null));
        const application = open
          ? await manager.findOneBy(Application, { id: entry.applicationId })
          : null;
        if (!application) throw unavailable(bilingual('entri prelist', 'prelist entry'));
        if (request.field === 'phone') {
          throw unavailable(
            bilingual('nomor telepon pada entri prelist', 'phone on a prelist entry'),
          );
        }
        // A head without a NIK, or a household without a family card, has nothing to reveal.
        const value =
          request.field === 'nik' ? application.members[0].nikEncrypted : application.kkEncrypted;
        if (!value) {
          throw unavailable(
            bilingual(
              `${request.field.toUpperCase()} pada entri prelist ini`,
              `${request.field} on this prelist entry`,
            ),
          );
        }
        return value;
      }
    }
  }

  private async readableTicket(id: string, principal: Principal): Promise<Complaint | null> {
    const ticket = UUID.test(id)
      ? await this.dataSource.manager.findOneBy(Complaint, { id })
      : null;
    return ticket && (await this.access.canRead(ticket, principal)) ? ticket : null;
  }
}
