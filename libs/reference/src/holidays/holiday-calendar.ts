import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiError, bilingual } from '@crm/core';
import { Between, Repository } from 'typeorm';
import { Holiday } from './holiday.entity';
import { CreateHolidayDto, HolidayDto } from './holidays.dto';

const toDto = (h: Holiday): HolidayDto => ({
  date: h.date,
  name: h.name,
  kind: h.kind,
  legalBasis: h.legalBasis,
});

/** The table of non-working days that working-day deadlines skip; admins extend it. */
@Injectable()
export class HolidayCalendar {
  constructor(@InjectRepository(Holiday) private readonly holidays: Repository<Holiday>) {}

  async list(year?: number): Promise<HolidayDto[]> {
    const where = year ? { date: Between(`${year}-01-01`, `${year}-12-31`) } : {};
    return (await this.holidays.find({ where, order: { date: 'ASC' } })).map(toDto);
  }

  async add(input: CreateHolidayDto): Promise<HolidayDto> {
    const inserted = await this.holidays
      .createQueryBuilder()
      .insert()
      .values({ ...input })
      .orIgnore()
      .returning('date')
      .updateEntity(false)
      .execute();
    if (!inserted.raw.length) {
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

  async remove(date: string): Promise<void> {
    const { affected } = await this.holidays.delete({ date });
    if (!affected) {
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
