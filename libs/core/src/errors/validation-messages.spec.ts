import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Language } from '../i18n/bilingual';
import { ApiError, ErrorBody } from './api-error';
import { toErrorBody } from './error-body';
import { createValidationPipe } from './validation';
import { saying } from './validation-messages';

class Reporter {
  @IsString()
  @MaxLength(200)
  name!: string;
}

class Complaint {
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  description!: string;

  @IsIn(['sms', 'email'])
  channel!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Matches(
    /^31\.\d{2}$/,
    saying('harus kode kota seperti 31.71', 'must be a kota code such as 31.71'),
  )
  kota?: string;

  @ValidateNested()
  @Type(() => Reporter)
  reporter!: Reporter;
}

async function refusal(body: unknown, language: Language = 'id'): Promise<ErrorBody> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Complaint });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return toErrorBody(error, 'r', language);
  }
  throw new Error('the body was accepted');
}

const valid = { description: 'Jalan rusak', channel: 'sms', reporter: { name: 'Siti' } };

describe('validation messages', () => {
  it('says a missing field is required, once, in Indonesian by default', async () => {
    const refused = await refusal({ ...valid, description: undefined });
    expect(refused.message).toBe('description: wajib diisi');
    expect(refused.details).toEqual([{ field: 'description', problem: 'wajib diisi' }]);
  });

  it('speaks English when asked', async () => {
    expect((await refusal({ ...valid, description: undefined }, 'en')).message).toBe(
      'description: is required',
    );
  });

  it('says an empty text must not be empty, not that it is too short', async () => {
    expect((await refusal({ ...valid, description: '' })).details).toEqual([
      { field: 'description', problem: 'tidak boleh kosong' },
    ]);
  });

  it("names the rule's own arguments: the length, the allowed values, the minimum", async () => {
    const refused = await refusal(
      { ...valid, description: 'x'.repeat(4001), channel: 'fax', page: 0 },
      'en',
    );
    expect(refused.details).toEqual([
      { field: 'description', problem: 'must be at most 4000 characters long' },
      { field: 'channel', problem: 'must be one of: sms, email' },
      { field: 'page', problem: 'must be at least 1' },
    ]);
    expect(refused.message).toBe(
      'Check 3 fields: description, channel, page; details says what is wrong with each',
    );
  });

  it('reports the type before the size: a number for a text is "must be text"', async () => {
    expect((await refusal({ ...valid, description: 42 })).details).toEqual([
      { field: 'description', problem: 'harus berupa teks' },
    ]);
  });

  it("uses a rule's own words in both languages", async () => {
    expect((await refusal({ ...valid, kota: '3171' })).message).toBe(
      'kota: harus kode kota seperti 31.71',
    );
    expect((await refusal({ ...valid, kota: '3171' }, 'en')).message).toBe(
      'kota: must be a kota code such as 31.71',
    );
  });

  it('names nested fields and an object given as text', async () => {
    expect((await refusal({ ...valid, reporter: { name: 'x'.repeat(201) } })).details).toEqual([
      { field: 'reporter.name', problem: 'paling banyak 200 karakter' },
    ]);
    expect((await refusal({ ...valid, reporter: 'Siti' })).details).toEqual([
      { field: 'reporter', problem: 'harus berupa objek JSON ({ ... })' },
    ]);
  });

  it('tells to remove an unknown field, and never echoes a value back', async () => {
    const refused = await refusal({ ...valid, nik: '3171012345678901' });
    expect(refused.details).toEqual([
      { field: 'nik', problem: 'bukan kolom permintaan ini; hapus kolom ini' },
    ]);
    expect(JSON.stringify(refused)).not.toContain('3171012345678901');
  });
});
