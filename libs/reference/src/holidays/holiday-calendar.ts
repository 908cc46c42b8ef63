import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiError, bilingual } from '@crm/core';
import { Between, Repository } from 'typeorm';
import { AuditActor, ReferenceAudit } from '../audit/reference-audit';
import { Holiday } from './holiday.entity';
import { CreateHolidayDto, HolidayDto } from './holidays.dto';

const toDto = (h: Holiday): HolidayDto => ({
  date: h.date,
  name: h.name,
  kind: h.kind,
  legalBasis: h.legalBasis,
});

/** The table of non-working days that working-day deadlines skip; admins extend it (audited). */
@Injectable()
export class HolidayCalendar {
  constructor(
    @InjectRepository(Holiday) private readonly holidays: Repository<Holiday>,
    private readonly audit: ReferenceAudit,
  ) {}

  async list(year?: number): Promise<HolidayDto[]> {
    const where = year ? { date: Between(`${year}-01-01`, `${year}-12-31`) } : {};
    return (await this.holidays.find({ where, order: { date: 'ASC' } })).map(toDto);
  }

  async add(input: CreateHolidayDto, actor: AuditActor): Promise<HolidayDto> {
    const added = await this.holidays.manager.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Holiday)
        .values({ ...input })
        .orIgnore()
        .returning('date')
        .updateEntity(false)
        .execute();
      if (!inserted.raw.length) return false;
      await this.audit.record(
        manager,
        { entity: 'holiday', entityId: input.date, before: null, after: { ...input } },
        actor,
      );
      return true;
    });
    if (!added) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'HOLIDAY_EXISTS',
        bilingual(
          `${input.date} sudah ada di daftar hari libur`,
          `${input.date} is already in the holiday table`,
        ),
      );
    }
    const { date, name, kind, legalBasis } = input;
    return { date, name, kind, legalBasis };
  }

  async remove(date: string, actor: AuditActor): Promise<void> {
    const removed = await this.holidays.manager.transaction(async (manager) => {
      const holiday = await manager.findOne(Holiday, {
        where: { date },
        lock: { mode: 'pessimistic_write' },
      });
      if (!holiday) return false;
      await manager.delete(Holiday, { date });
      await this.audit.record(
        manager,
        { entity: 'holiday', entityId: date, before: toDto(holiday), after: null },
        actor,
      );
      return true;
    });
    if (!removed) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'HOLIDAY_NOT_FOUND',
        bilingual(
          `${date} tidak ada di daftar hari libur; periksa tanggalnya`,
          `${date} is not in the holiday table`,
        ),
      );
    }
  }
}
