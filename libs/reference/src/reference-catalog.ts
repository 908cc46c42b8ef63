import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AddressRefusedError,
  ApiError,
  APP_CONFIG,
  AppConfig,
  Bilingual,
  bilingual,
  checkHost,
} from '@crm/core';
import { FindOptionsWhere, Repository } from 'typeorm';
import { AuditActor, ReferenceAudit } from './audit/reference-audit';
import { Category } from './categories/category.entity';
import { CategoryDto } from './categories/categories.dto';
import { Channel } from './channels/channel.entity';
import { ChannelDto } from './channels/channels.dto';
import { Unit } from './units/unit.entity';
import { UnitDto, UnitQueryDto, UnitRefDto } from './units/units.dto';

const unitRef = (unit: Unit): UnitRefDto => ({ code: unit.code, name: unit.name });

/** Who reads a unit: only admins see where its notices go. */
export interface UnitReader {
  admin: boolean;
}

/** Read access to the channels, units and categories (admin-editable, so read from the database). */
@Injectable()
export class ReferenceCatalog {
  constructor(
    @InjectRepository(Channel) private readonly channels: Repository<Channel>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: ReferenceAudit,
  ) {}

  async listChannels(): Promise<ChannelDto[]> {
    const rows = await this.channels.find({
      relations: { responsibleUnit: true },
      order: { position: 'ASC' },
    });
    return rows.map((c) => ({
      code: c.code,
      name: c.name,
      geotagged: c.geotagged,
      responsibleUnit: c.responsibleUnit ? unitRef(c.responsibleUnit) : null,
      responsibleUnitType: c.responsibleUnitType,
      responsibleOfficial: c.responsibleOfficial,
      active: c.active,
    }));
  }

  async getChannel(code: string): Promise<ChannelDto | undefined> {
    return (await this.listChannels()).find((channel) => channel.code === code);
  }

  /** Active categories; every one for an admin who asks (`includeInactive`). */
  async listCategories(includeInactive = false, code?: string): Promise<CategoryDto[]> {
    const rows = await this.categories.find({
      where: { ...(includeInactive ? {} : { active: true }), ...(code ? { code } : {}) },
      relations: { defaultUnit: true },
      order: { code: 'ASC' },
    });
    return rows.map((c) => ({
      code: c.code,
      name: c.name,
      group: c.group,
      description: c.description,
      keywords: c.keywords,
      defaultUnit: unitRef(c.defaultUnit!),
      sensitive: c.sensitive,
      parent: c.parentCode,
      requiresPhotoEvidence: c.requiresPhotoEvidence,
      routeToSudin: c.routeToSudin,
      active: c.active,
    }));
  }

  async listUnits(query: UnitQueryDto, reader: UnitReader): Promise<UnitDto[]> {
    const where: FindOptionsWhere<Unit> = {};
    if (query.type) where.type = query.type;
    if (query.parent) where.parentCode = query.parent;
    const rows = await this.units.find({
      where,
      relations: { parent: true },
      order: { code: 'ASC' },
    });
    return rows.map((unit) => toUnitDto(unit, reader));
  }

  /**
   * Sets (or, with null, removes) where a unit receives its notices. The address is checked here
   * for the admin's sake and again at each delivery, which alone counts (DNS may change).
   */
  async setWebhook(
    code: string,
    webhook: { url: string; secret: string } | null,
    actor: AuditActor,
  ): Promise<UnitDto> {
    if (webhook) await this.checkWebhookHost(webhook.url);
    await this.units.manager.transaction(async (manager) => {
      const unit = await manager.findOne(Unit, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!unit) throw unitNotFound(code);
      await manager.update(
        Unit,
        { code },
        { webhookUrl: webhook?.url ?? null, webhookSecret: webhook?.secret ?? null },
      );
      // The URL as admins see it: never its credentials, nor the secret.
      const shown = (url: string | null | undefined) => (url ? shownWebhookUrl(url) : null);
      await this.audit.record(
        manager,
        {
          entity: 'webhook',
          entityId: code,
          before: { url: shown(unit.webhookUrl) },
          after: webhook ? { url: shown(webhook.url) } : null,
        },
        actor,
      );
    });
    return this.getUnit(code, { admin: true });
  }

  async getUnit(code: string, reader: UnitReader): Promise<UnitDto> {
    const unit = await this.units.findOne({ where: { code }, relations: { parent: true } });
    if (!unit) throw unitNotFound(code);
    return toUnitDto(unit, reader);
  }

  /** Refuses (400) a webhook address notices could not or must not go to. */
  async checkWebhookHost(url: string): Promise<void> {
    const refused = (problem: Bilingual) =>
      new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        bilingual(`url: ${problem.id}`, `url: ${problem.en}`),
        [{ field: 'url', problem }],
      );
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw refused(bilingual('harus berupa URL, misalnya https://contoh.id/a', 'must be a URL'));
    }
    try {
      await checkHost(parsed, this.config.webhooks.allowPrivate);
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      throw refused(
        bilingual(
          `${error.reason.id}; pemberitahuan hanya dikirim ke alamat publik (WEBHOOK_ALLOW_PRIVATE); pakai alamat yang dapat dijangkau dari internet`,
          `${error.reason.en}; notices go to public addresses only (WEBHOOK_ALLOW_PRIVATE)`,
        ),
      );
    }
  }
}

export const unitNotFound = (code: string) =>
  new ApiError(
    HttpStatus.NOT_FOUND,
    'UNIT_NOT_FOUND',
    bilingual(
      `Tidak ada unit dengan kode ${code}; periksa kodenya di daftar unit`,
      `No unit has the code ${code}`,
    ),
  );

function toUnitDto(unit: Unit, reader: UnitReader): UnitDto {
  return {
    code: unit.code,
    name: unit.name,
    type: unit.type,
    parent: unit.parent ? unitRef(unit.parent) : null,
    regionCode: unit.regionCode,
    active: unit.active,
    // Where notices go is for admins, and its credentials for no one; the signing secret never
    // leaves the database.
    webhookUrl: reader.admin && unit.webhookUrl ? shownWebhookUrl(unit.webhookUrl) : null,
  };
}

/** A webhook URL without its user name and password, and with its query values hidden. */
function shownWebhookUrl(stored: string): string {
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return '[redacted]';
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  url.search = [...url.searchParams.keys()].map((name) => `${name}=[redacted]`).join('&');
  return url.toString();
}
