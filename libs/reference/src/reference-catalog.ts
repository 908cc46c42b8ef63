import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiError } from '@crm/core';
import { FindOptionsWhere, Repository } from 'typeorm';
import { Category } from './categories/category.entity';
import { CategoryDto } from './categories/categories.dto';
import { Channel } from './channels/channel.entity';
import { ChannelDto } from './channels/channels.dto';
import { Unit } from './units/unit.entity';
import { UnitDto, UnitQueryDto, UnitRefDto } from './units/units.dto';

const unitRef = (unit: Unit): UnitRefDto => ({ code: unit.code, name: unit.name });

/** Read access to the channels, units and categories (admin-editable, so read from the database). */
@Injectable()
export class ReferenceCatalog {
  constructor(
    @InjectRepository(Channel) private readonly channels: Repository<Channel>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
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
    }));
  }

  async listCategories(): Promise<CategoryDto[]> {
    const rows = await this.categories.find({
      where: { active: true },
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
    }));
  }

  async listUnits(query: UnitQueryDto): Promise<UnitDto[]> {
    const where: FindOptionsWhere<Unit> = {};
    if (query.type) where.type = query.type;
    if (query.parent) where.parentCode = query.parent;
    const rows = await this.units.find({
      where,
      relations: { parent: true },
      order: { code: 'ASC' },
    });
    return rows.map(toUnitDto);
  }

  /** Sets (or, with null, removes) where a unit receives its notices. */
  async setWebhook(
    code: string,
    webhook: { url: string; secret: string } | null,
  ): Promise<UnitDto> {
    const { affected } = await this.units.update(
      { code },
      { webhookUrl: webhook?.url ?? null, webhookSecret: webhook?.secret ?? null },
    );
    if (!affected)
      throw new ApiError(HttpStatus.NOT_FOUND, 'UNIT_NOT_FOUND', `No unit has the code ${code}`);
    return this.getUnit(code);
  }

  async getUnit(code: string): Promise<UnitDto> {
    const unit = await this.units.findOne({ where: { code }, relations: { parent: true } });
    if (!unit)
      throw new ApiError(HttpStatus.NOT_FOUND, 'UNIT_NOT_FOUND', `No unit has the code ${code}`);
    return toUnitDto(unit);
  }
}

function toUnitDto(unit: Unit): UnitDto {
  return {
    code: unit.code,
    name: unit.name,
    type: unit.type,
    parent: unit.parent ? unitRef(unit.parent) : null,
    regionCode: unit.regionCode,
    active: unit.active,
    // The URL shows that notices are delivered; the signing secret never leaves the database.
    webhookUrl: unit.webhookUrl,
  };
}
