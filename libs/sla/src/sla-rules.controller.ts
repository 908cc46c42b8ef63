import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AnyRole, listOf, ListQuery, ListResponse, Roles } from '@crm/core';
import { SlaCalendar } from './sla-calendar';
import { LOCAL_DECISION } from './sla-rule.entity';

const CLOCKS = ['forward', 'respond', 'coordinate', 'resolve', 'validate'] as const;
const UNIT_TYPES = ['diskominfo', 'kelurahan', 'kecamatan', 'kota', 'pd', 'ukpd', 'bumd'] as const;
const MEASURES = ['hours', 'days', 'working_days'] as const;

export class SlaRuleDto {
  @IsIn(CLOCKS)
  clock: (typeof CLOCKS)[number];

  @IsIn(UNIT_TYPES)
  unitType: (typeof UNIT_TYPES)[number];

  /** A category code, or `*` for every category: the default, also when given as null */
  // An admin sending null means "no particular category", as omitting the field does; stored,
  // null would break the NOT NULL column (a 500).
  @Transform(({ value }: { value: unknown }) => value ?? '*')
  @IsOptional()
  @IsString()
  @Length(1, 40)
  categoryCode: string = '*';

  @IsInt()
  @Min(1)
  @Max(10_000)
  amount: number;

  @IsIn(MEASURES)
  measure: (typeof MEASURES)[number];

  @IsString()
  @Length(3, 500)
  legalBasis: string;

  /**
   * The rule the deadline comes from (e.g. `SE Sekda 61/2018`), or `local decision` — the
   * default: a rule set without citing one is the administration's own decision
   */
  @IsOptional()
  @IsString()
  @Length(3, 200)
  source: string = LOCAL_DECISION;
}

/** The deadline rules (docs/lifecycle.md): everyone may read them, admins set them. */
@ApiTags('reference data')
@ApiBearerAuth()
@Controller('api/v1/sla-rules')
export class SlaRulesController {
  constructor(private readonly calendar: SlaCalendar) {}

  @Get()
  @AnyRole()
  async list(@Query() query: ListQuery): Promise<ListResponse<SlaRuleDto>> {
    const rules = await this.calendar.listRules();
    return listOf(
      rules.map(({ id: _id, ...rule }) => rule as SlaRuleDto),
      query,
    );
  }

  /** Adds a rule or replaces the one for the same clock, unit type and category. */
  @Put()
  @Roles('admin')
  async set(@Body() body: SlaRuleDto): Promise<SlaRuleDto> {
    await this.calendar.setRule(body);
    return body;
  }
}
