import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A complete (unpaginated) list of a bounded set, such as reference data. */
export interface ListResponse<T> {
  data: T[];
  meta: { total: number };
}

export function listOf<T>(data: T[]): ListResponse<T> {
  return { data, meta: { total: data.length } };
}

const MAX_LIMIT = 200;

/** `?page=1&limit=50` (api.md, Conventions): a larger limit is capped at 200, not refused. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Transform(({ value }: { value: unknown }) => (Number(value) > MAX_LIMIT ? MAX_LIMIT : value))
  limit: number = 50;
}

/** A page of a list, with what it is a page of. */
export interface Page<T> {
  data: T[];
  meta: { total: number; page: number; limit: number };
}
