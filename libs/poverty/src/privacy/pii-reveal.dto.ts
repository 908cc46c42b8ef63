import { Transform } from 'class-transformer';
import { IsIn, IsString, Length } from 'class-validator';
import { saying } from '@crm/core';
import { REVEAL_FIELDS, REVEAL_SUBJECTS, RevealRequest } from './pii-reveal.service';

/** A request to see one full NIK, KK number or phone number (docs/api.md, "Who may reveal what"). */
export class RevealDto implements RevealRequest {
  /**
   * Whose value: a ticket's reporter, a prelist household, or a person a registry check found
   * @example "complaint"
   */
  @IsIn(REVEAL_SUBJECTS)
  subject: RevealRequest['subject'];

  /**
   * The ticket id (`complaint`; for `registry`, the ticket whose registry check found the person) or the prelist entry id
   * @example "0b9f6c1e-7a51-4c1e-9d3f-2b6a8e4c5d70"
   */
  @IsString()
  @Length(1, 64)
  id: string;

  /**
   * Which value
   * @example "phone"
   */
  @IsIn(REVEAL_FIELDS)
  field: RevealRequest['field'];

  /**
   * Why the full value is needed (at least 10 characters besides spaces); kept in the access log
   * @example "Menghubungi pelapor untuk jadwal verifikasi lapangan"
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(
    10,
    500,
    saying(
      'tuliskan dalam 10 sampai 500 karakter mengapa data ini diperlukan',
      'must say in 10 to 500 characters why the value is needed',
    ),
  )
  reason: string;
}
