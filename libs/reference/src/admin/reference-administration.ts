import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiError, Bilingual, bilingual } from '@crm/core';
import { AuditActor, ReferenceAudit } from '../audit/reference-audit';
import { Category } from '../categories/category.entity';
import { Channel } from '../channels/channel.entity';
import { unitNotFound } from '../reference-catalog';
import { RegionDirectory } from '../regions/region-directory';
import { Unit } from '../units/unit.entity';
import {
  CategoryChangeDto,
  ChannelChangeDto,
  NewCategoryDto,
  NewUnitDto,
  UnitChangeDto,
} from './reference-admin.dto';

/** Units the service itself relies on: never deactivated. */
const SERVICE_UNITS = new Set(['diskominfo', 'inspektorat']);
/** A code shaped like a region's (`31.71…`): regional offices' codes, from the boundaries. */
const REGION_SHAPED = /^\d{2}\.\d{2}/;

const invalid = (field: string, problem: Bilingual) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
    [{ field, problem }],
  );
const conflict = (code: string, message: Bilingual) =>
  new ApiError(HttpStatus.CONFLICT, code, message);
const notFound = (code: string, message: Bilingual) =>
  new ApiError(HttpStatus.NOT_FOUND, code, message);

/**
 * An admin's changes of units, categories and channels (docs/desk.md): checked against the rest of
 * the reference data, written with their audit entry in one transaction (the row locked), and
 * never a deletion — tickets point at them; a record is deactivated instead. Every process's
 * caches reload on commit (ReferenceChanges).
 */
@Injectable()
export class ReferenceAdministration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: ReferenceAudit,
    private readonly regions: RegionDirectory,
  ) {}

  async createUnit(body: NewUnitDto, actor: AuditActor): Promise<string> {
    if (REGION_SHAPED.test(body.code)) {
      throw invalid(
        'code',
        bilingual(
          'kode berbentuk kode wilayah dipakai kantor kelurahan, kecamatan dan kota, yang dibuat dari batas wilayah resmi; pilih kode lain (misalnya sudin-sda-31.71)',
          'region-shaped codes belong to the regional offices, which come from the official boundaries; choose another code (e.g. sudin-sda-31.71)',
        ),
      );
    }
    const exists = conflict(
      'UNIT_EXISTS',
      bilingual(
        `Unit ${body.code} sudah ada; ubah dengan PATCH /api/v1/units/${body.code}`,
        `Unit ${body.code} exists; change it with PATCH /api/v1/units/${body.code}`,
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Unit, { code: body.code })) throw exists;
      if (body.parent) await this.requireUnit(manager, 'parent', body.parent);
      if (body.regionCode) this.requireArea(body.regionCode);
      const unit: Partial<Unit> = {
        code: body.code,
        name: body.name.trim(),
        type: body.type,
        parentCode: body.parent ?? null,
        regionCode: body.regionCode ?? null,
        active: body.active ?? true,
      };
      // Two admins creating one code at once: the second is told, as if it had come later.
      if (!(await insertNew(manager, Unit, unit, 'code'))) throw exists;
      await this.audit.record(
        manager,
        { entity: 'unit', entityId: body.code, before: null, after: unitSnapshot(unit) },
        actor,
      );
      return body.code;
    });
  }

  async changeUnit(code: string, body: UnitChangeDto, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const unit = await manager.findOne(Unit, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!unit) throw unitNotFound(code);
      const regional =
        unit.type === 'kelurahan' || unit.type === 'kecamatan' || unit.type === 'kota';
      if (regional && (body.parent !== undefined || body.regionCode !== undefined)) {
        throw invalid(
          body.parent !== undefined ? 'parent' : 'regionCode',
          bilingual(
            'induk dan wilayah kantor kelurahan, kecamatan dan kota mengikuti batas wilayah resmi dan tidak diubah di sini',
            'the parent and region of a regional office follow the official boundaries and are not changed here',
          ),
        );
      }
      if (body.parent) {
        await this.requireUnit(manager, 'parent', body.parent);
        await this.refuseCircle(manager, Unit, code, body.parent);
      }
      if (body.regionCode) this.requireArea(body.regionCode);
      if (body.active === false && unit.active) await this.refuseInUse(manager, code);
      const before = unitSnapshot(unit);
      const patch: Partial<Unit> = {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.parent !== undefined ? { parentCode: body.parent } : {}),
        ...(body.regionCode !== undefined ? { regionCode: body.regionCode } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      };
      await manager.update(Unit, { code }, patch);
      await this.audit.record(
        manager,
        { entity: 'unit', entityId: code, before, after: unitSnapshot({ ...unit, ...patch }) },
        actor,
      );
    });
  }

  async createCategory(body: NewCategoryDto, actor: AuditActor): Promise<string> {
    const exists = conflict(
      'CATEGORY_EXISTS',
      bilingual(
        `Kategori ${body.code} sudah ada; ubah dengan PATCH /api/v1/categories/${body.code}`,
        `Category ${body.code} exists; change it with PATCH /api/v1/categories/${body.code}`,
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Category, { code: body.code })) throw exists;
      await this.requireUnit(manager, 'defaultUnit', body.defaultUnit, { active: true });
      const parent = body.parent ? await this.requireCategory(manager, body.parent) : null;
      const category: Partial<Category> = {
        code: body.code,
        name: body.name.trim(),
        group: body.group ?? parent?.group ?? 'Lainnya',
        description: body.description ?? '',
        keywords: body.keywords ?? [],
        defaultUnitCode: body.defaultUnit,
        parentCode: body.parent ?? null,
        sensitive: body.sensitive ?? parent?.sensitive ?? false,
        requiresPhotoEvidence: body.requiresPhotoEvidence ?? false,
        routeToSudin: body.routeToSudin ?? false,
        active: body.active ?? true,
      };
      if (!(await insertNew(manager, Category, category, 'code'))) throw exists;
      await this.audit.record(
        manager,
        { entity: 'category', entityId: body.code, before: null, after: category },
        actor,
      );
      return body.code;
    });
  }

  async changeCategory(code: string, body: CategoryChangeDto, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const category = await manager.findOne(Category, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!category) throw categoryNotFound(code);
      if (body.defaultUnit) {
        await this.requireUnit(manager, 'defaultUnit', body.defaultUnit, { active: true });
      }
      if (body.parent) {
        await this.requireCategory(manager, body.parent);
        await this.refuseCircle(manager, Category, code, body.parent);
      }
      const { defaultUnit, parent, ...fields } = body;
      const patch: Partial<Category> = {
        ...fields,
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(defaultUnit !== undefined ? { defaultUnitCode: defaultUnit } : {}),
        ...(parent !== undefined ? { parentCode: parent } : {}),
      };
      await manager.update(Category, { code }, patch);
      await this.audit.record(
        manager,
        {
          entity: 'category',
          entityId: code,
          before: categorySnapshot(category),
          after: categorySnapshot({ ...category, ...patch }),
        },
        actor,
      );
    });
  }

  async changeChannel(code: string, body: ChannelChangeDto, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const channel = await manager.findOne(Channel, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!channel) {
        throw notFound(
          'CHANNEL_NOT_FOUND',
          bilingual(
            `Tidak ada kanal dengan kode ${code}; lihat GET /api/v1/channels`,
            `No channel has the code ${code}`,
          ),
        );
      }
      if (body.responsibleUnit !== undefined) {
        if (channel.responsibleUnitType) {
          throw invalid(
            'responsibleUnit',
            bilingual(
              `kanal ${code} dijawab oleh setiap kantor ${channel.responsibleUnitType} untuk dirinya sendiri; tidak ada satu unit penanggung jawab`,
              `channel ${code} is answered by each ${channel.responsibleUnitType} office for itself; it has no single responsible unit`,
            ),
          );
        }
        await this.requireUnit(manager, 'responsibleUnit', body.responsibleUnit, { active: true });
      }
      if (body.active === false && code === 'jaki') {
        throw invalid(
          'active',
          bilingual(
            'kiriman JAKI selalu diterima (pengaduan warga tidak boleh hilang); kanal jaki tidak dapat dinonaktifkan',
            'JAKI’s pushes are always received (no complaint may be lost); the jaki channel cannot be switched off',
          ),
        );
      }
      const before = channelSnapshot(channel);
      const patch: Partial<Channel> = {
        ...(body.responsibleUnit !== undefined
          ? { responsibleUnitCode: body.responsibleUnit }
          : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      };
      await manager.update(Channel, { code }, patch);
      await this.audit.record(
        manager,
        {
          entity: 'channel',
          entityId: code,
          before,
          after: channelSnapshot({ ...channel, ...patch }),
        },
        actor,
      );
    });
  }

  private async requireUnit(
    manager: EntityManager,
    field: string,
    code: string,
    { active }: { active?: boolean } = {},
  ): Promise<Unit> {
    const unit = await manager.findOneBy(Unit, { code });
    if (!unit || (active && !unit.active)) {
      throw invalid(
        field,
        bilingual(
          `unit ${code} ${unit ? 'tidak aktif' : 'tidak ada'}; lihat GET /api/v1/units`,
          `unit ${code} ${unit ? 'is not active' : 'does not exist'}; see GET /api/v1/units`,
        ),
      );
    }
    return unit;
  }

  private async requireCategory(manager: EntityManager, code: string): Promise<Category> {
    const category = await manager.findOneBy(Category, { code });
    if (!category) {
      throw invalid(
        'parent',
        bilingual(
          `kategori ${code} tidak ada; lihat GET /api/v1/categories`,
          `category ${code} does not exist; see GET /api/v1/categories`,
        ),
      );
    }
    return category;
  }

  /** A Suku Dinas serves a kota (or a kecamatan): the code must be one. */
  private requireArea(code: string): void {
    const level = this.regions.get(code)?.level;
    if (level !== 'kota' && level !== 'kecamatan') {
      throw invalid(
        'regionCode',
        bilingual(
          `${code} bukan kode kota atau kecamatan di DKI Jakarta; lihat GET /api/v1/regions`,
          `${code} is not a kota or kecamatan of DKI Jakarta; see GET /api/v1/regions`,
        ),
      );
    }
  }

  /**
   * A parent chain never comes back to the record: a unit's parent is whom its deadlines
   * escalate to, a category's the programme it belongs to.
   */
  private async refuseCircle(
    manager: EntityManager,
    entity: typeof Unit | typeof Category,
    code: string,
    parent: string,
  ): Promise<void> {
    for (let at: string | null = parent, hops = 0; at && hops < 20; hops++) {
      if (at === code) {
        throw invalid(
          'parent',
          bilingual(
            `${parent} berada di bawah ${code}; induk tidak boleh melingkar`,
            `${parent} is below ${code}; parents cannot go round in a circle`,
          ),
        );
      }
      const row: { parentCode: string | null } | null = await manager.findOne(entity, {
        select: { code: true, parentCode: true },
        where: { code: at },
      });
      at = row?.parentCode ?? null;
    }
  }

  /** A unit that new work still goes to by rule cannot be switched off before the rule changes. */
  private async refuseInUse(manager: EntityManager, code: string): Promise<void> {
    if (SERVICE_UNITS.has(code)) {
      throw conflict(
        'UNIT_IN_USE',
        bilingual(
          `Unit ${code} dipakai layanan ini sendiri dan tidak dapat dinonaktifkan`,
          `Unit ${code} is one the service relies on; it cannot be deactivated`,
        ),
      );
    }
    const categories = await manager.find(Category, {
      select: { code: true },
      where: { defaultUnitCode: code, active: true },
    });
    const channels = await manager.find(Channel, {
      select: { code: true },
      where: { responsibleUnitCode: code },
    });
    const uses = [
      ...categories.map((c) => `kategori ${c.code}`),
      ...channels.map((c) => `kanal ${c.code}`),
    ];
    if (uses.length) {
      throw conflict(
        'UNIT_IN_USE',
        bilingual(
          `Unit ${code} masih pemilik ${uses.join(', ')}; pindahkan dulu ke unit lain, lalu nonaktifkan`,
          `Unit ${code} still owns ${uses
            .join(', ')
            .replace(/kategori/g, 'category')
            .replace(/kanal/g, 'channel')}; move them to another unit first`,
        ),
      );
    }
  }
}

/** Inserts a row unless its key is taken (by a concurrent insert too); whether it did. */
async function insertNew<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  row: Partial<T>,
  key: string,
): Promise<boolean> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(row as never)
    .orIgnore()
    .returning(key)
    .updateEntity(false)
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}

const categoryNotFound = (code: string) =>
  notFound(
    'CATEGORY_NOT_FOUND',
    bilingual(
      `Tidak ada kategori dengan kode ${code}; lihat GET /api/v1/categories`,
      `No category has the code ${code}`,
    ),
  );

/** What the audit keeps of a unit: never its webhook's secret. */
function unitSnapshot(unit: Partial<Unit>): object {
  const { code, name, type, parentCode, regionCode, active } = unit;
  return { code, name, type, parentCode, regionCode, active };
}

function categorySnapshot(category: Partial<Category>): object {
  const {
    code,
    name,
    group,
    description,
    keywords,
    defaultUnitCode,
    parentCode,
    sensitive,
    requiresPhotoEvidence,
    routeToSudin,
    active,
  } = category;
  return {
    code,
    name,
    group,
    description,
    keywords,
    defaultUnitCode,
    parentCode,
    sensitive,
    requiresPhotoEvidence,
    routeToSudin,
    active,
  };
}

function channelSnapshot(channel: Partial<Channel>): object {
  const { code, responsibleUnitCode, active } = channel;
  return { code, responsibleUnitCode, active };
}
