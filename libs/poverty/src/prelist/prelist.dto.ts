import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateNested,
} from 'class-validator';
import { OmitType } from '@nestjs/swagger';
import { PageQuery, saying } from '@crm/core';
import { ApplicationDto } from '../application/not-in-database.dto';
import { IsNik } from '@crm/identity';
import { IsKelurahanCode } from '@crm/reference';
import { PRELIST_STATUSES, PrelistStatus } from './prelist-entry.entity';
import {
  VERIFICATION_RESULTS,
  VERIFYING_AGENCIES,
  VerificationResult,
  VerifyingAgency,
} from './prelist-verification.entity';

export class PrelistQuery extends PageQuery {
  @IsOptional()
  @IsIn(PRELIST_STATUSES)
  status?: PrelistStatus;

  @IsOptional()
  @IsKelurahanCode()
  kelurahan?: string;

  /** Entries counted in this cycle (its determination date, YYYY-MM-DD) */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(
    /^\d{4}-\d{2}-\d{2}$/,
    saying('harus tanggal seperti 2026-06-30', 'must be a date like 2026-06-30'),
  )
  cycle?: string;

  /** Entries whose stage is past its deadline (`true`), or not (`false`) */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;

  /** Entries that still wait for this agency's verification */
  @IsOptional()
  @IsIn(VERIFYING_AGENCIES)
  agency?: VerifyingAgency;
}

/**
 * Matriks 3 of every deliberated household not sent yet, or of one kelurahan's:
 * the query of a read, the body of a new export batch.
 */
export class Matriks3Scope {
  @IsOptional()
  @IsKelurahanCode()
  kelurahan?: string;
}

export class PrelistExportIdParam {
  @Matches(
    /^[0-9a-f-]{36}$/i,
    saying('harus ID batch ekspor (UUID)', 'must be an export batch id (UUID)'),
  )
  id: string;
}

/** A Matriks 3 export batch: the households it sent for ranking, downloadable again. */
export class PrelistExportDto {
  id: string;
  /** The kelurahan it was made for; null for every kelurahan */
  kelurahan: string | null;
  /** How many households (prelist entries) it sent; 0 when none was eligible */
  entries: number;
  /** The prelist entries it sent, in the order of its Matriks 3 */
  entryIds: string[];
  createdAt: string;
  /** Who made it (the token's subject) */
  createdBy: string;
  /** Where its Matriks 3 downloads, as often as needed (each download is logged) */
  download: string;
}

/** One member's own result, where it differs from the household's: a death, a move. */
export class MemberVerificationDto {
  /** The member's place in the household as the entry lists it (0 = the head) */
  @IsInt()
  @Min(0)
  @Max(29)
  member: number;

  @IsIn(VERIFICATION_RESULTS)
  result: VerificationResult;

  /** The member's NIK as the population records have it, when the form's was wrong or missing */
  @IsOptional()
  @IsNik()
  correctedNik?: string;
}

export class VerificationDto {
  /** The household's result: the head's, and every member's not listed in `members` */
  @IsIn(VERIFICATION_RESULTS)
  result: VerificationResult;

  /** Members whose own result differs (Tabel 3.5 column (8) is per person) */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberVerificationDto)
  members?: MemberVerificationDto[];

  /** The NIK as the population records have it, when the form's was wrong */
  @IsOptional()
  @IsNik()
  correctedNik?: string;

  @IsString()
  @Length(3, 2000)
  note: string;
}

export class MuskelDto {
  @IsBoolean()
  eligible: boolean;

  @IsString()
  @Length(3, 2000)
  note: string;
}

export class PrelistEntryIdParam {
  @Matches(
    /^[0-9a-f-]{36}$/i,
    saying('harus ID entri prelist (UUID)', 'must be a prelist entry id (UUID)'),
  )
  id: string;
}

export class PrelistEntryDto {
  id: string;
  status: PrelistStatus;
  kelurahanCode: string;
  emergency: boolean;
  complaintIds: string[];
  /** `complaint` (a complaint's triage) or `muskel` (added by the Musyawarah Kelurahan, §3.1.3.4.g) */
  source: 'complaint' | 'muskel';
  /**
   * Some member has no NIK: Disdukcapil registers them (a child ticket, `registrationTicketId`)
   * alongside the verification (75/2023 §2.4.2.2)
   */
  needsRegistration: boolean;
  registrationTicketId: string | null;
  /**
   * Names by member; NIKs masked (the audited reveal shows one in full); `nik` null and
   * `withoutNik: true` for a member without one
   */
  members: {
    name: string;
    nik: string | null;
    withoutNik?: true;
    relation: string;
    sex: 'L' | 'P';
  }[];
  /**
   * Per agency: its verification (with the members whose own result differs), or null while it
   * is due. A verifier sees its own agency only.
   */
  verifications: Partial<
    Record<
      VerifyingAgency,
      {
        result: VerificationResult;
        members: { member: number; result: VerificationResult }[];
        note: string;
        at: string;
      } | null
    >
  >;
  muskel: { eligible: boolean; note: string | null; at: string } | null;
  /** The first verification */
  verifiedAt: string | null;
  /** The authorised officers' verification of the Musyawarah's result (§3.1.3.4.h) */
  reverifiedAt: string | null;
  /** Deliberated and waiting for that re-verification: not sent in Matriks 3 before it */
  reverificationDue: boolean;
  exportedAt: string | null;
  setByDecree: boolean | null;
  /** When the ranking's feedback decided it */
  decidedAt: string | null;
  /**
   * The cycle of the target data set the entry counts in (75/2023 §3.1.4): its determination
   * date, its cut-off (two months before), and the cycle it missed when it was carried over
   */
  cycle: {
    id: string;
    determination: string;
    cutOff: string;
    carriedOverFrom: string | null;
  };
  /**
   * The entry's own clock: when its stage is due — the first verification, the Musyawarah
   * (local decisions, `PRELIST_VERIFICATION_DAYS`, `PRELIST_MUSKEL_DAYS`), the cycle's cut-off for
   * a deliberated entry not sent yet — or null
   */
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
}

/**
 * A household the Musyawarah Kelurahan adds to the prelist (75/2023 §3.1.3.4.g: "mengidentifikasi
 * peserta baru yang belum masuk kedalam database"): the form's household, without acute
 * conditions (an emergency is a complaint's), and the Musyawarah's note.
 */
export class MuskelHouseholdDto extends OmitType(ApplicationDto, ['conditions'] as const) {
  /** What the Musyawarah found (kept as its note on the entry) */
  @IsString()
  @Length(3, 2000)
  note: string;
}
