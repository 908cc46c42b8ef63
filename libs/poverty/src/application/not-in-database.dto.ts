import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDistinct, saying } from '@crm/core';
import { IsKk, IsNik } from '@crm/identity';

/** Acute conditions: any of them makes the suggestion an emergency. */
export const CONDITIONS = [
  'no_food_today',
  'losing_shelter',
  'serious_illness_without_care',
  'disability_or_old_age_without_carer',
  'child_at_risk',
  'disaster',
  'violence',
] as const;

export class MemberDto {
  /** Required unless `withoutNik` */
  @ValidateIf((member: MemberDto) => member.nik !== undefined || member.withoutNik !== true)
  @IsNik()
  nik?: string;

  /**
   * The member has no NIK (75/2023 §2.4.2.2): accepted and flagged; the household goes to
   * Disdukcapil for registration alongside the prelist
   */
  @IsOptional()
  @IsBoolean()
  withoutNik?: boolean;

  @IsString()
  @Length(1, 200)
  name: string;

  /** Relationship to the head: Kepala Keluarga, Istri, Suami, Anak, … */
  @IsString()
  @Length(2, 60)
  relation: string;

  @IsIn(['L', 'P'])
  sex: 'L' | 'P';

  @IsISO8601({ strict: true })
  @Matches(
    /^\d{4}-\d{2}-\d{2}$/,
    saying('harus tanggal seperti 1980-05-15', 'must be a date like 1980-05-15'),
  )
  birthDate: string;

  /**
   * Whether the member has a disability (penyandang disabilitas), when the household says so:
   * for the prelist figures by disability (Kepsekda 75/2023 §3.6.2.g); optional
   */
  @IsOptional()
  @IsBoolean()
  disability?: boolean;
}

export class ApplicationDto {
  /** Required unless a member has no NIK (such a household may have no family card either) */
  @ValidateIf(
    (form: ApplicationDto) =>
      form.kk !== undefined ||
      !Array.isArray(form.members) ||
      !form.members.some((member) => member?.withoutNik === true),
  )
  @IsKk()
  kk?: string;

  @IsString()
  @Length(5, 500)
  address: string;

  @Matches(
    /^31\.\d{2}\.\d{2}\.\d{4}$/,
    saying(
      'harus kode kelurahan seperti 31.71.01.1001',
      'must be a kelurahan code such as 31.71.01.1001',
    ),
  )
  kelurahanCode: string;

  /** The whole household's spending, rupiah per month */
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  monthlyExpenditure: number;

  /** The head of the family first */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];

  @IsArray()
  @ArrayMaxSize(CONDITIONS.length)
  @IsDistinct()
  @IsIn(
    CONDITIONS,
    saying(
      `hanya boleh berisi: ${CONDITIONS.join(', ')}`,
      `must be among ${CONDITIONS.join(', ')}`,
      { each: true },
    ),
  )
  conditions: string[];
}

export class TriageDto {
  @IsBoolean()
  emergency: boolean;

  /** For an emergency: the unit that handles it now (e.g. `dinsos`) */
  @IsOptional()
  @IsString()
  @Length(2, 40)
  handlingUnit?: string;

  @IsString()
  @Length(3, 2000)
  reason: string;
}
