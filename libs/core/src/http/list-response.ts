import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_LIMIT = 200;

/** `page`: from 1, optional. */
const PageNumber = () =>
  applyDecorators(
    ApiPropertyOptional({
      description: 'Page number, from 1',
      minimum: 1,
      maximum: 100_000,
      example: 1,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(100_000),
  );

/** `limit`: optional; a larger one is capped at MAX_LIMIT, not refused. */
const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({
      description: `Items per page; over ${MAX_LIMIT} is capped at ${MAX_LIMIT}`,
      minimum: 1,
      example: 50,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Transform(({ value }: { value: unknown }) => (Number(value) > MAX_LIMIT ? MAX_LIMIT : value)),
  );

/**
 * A list of a bounded set, such as reference data: whole, or a page of it when the caller asks
 * with `page` or `limit` (docs/api.md, Conventions: every list takes both).
 */
export interface ListResponse<T> {
  data: T[];
  meta: { total: number; page?: number; limit?: number };
}

/** `page` and `limit` of a bounded list: optional, and without them the whole list. */
export class ListQuery {
  @PageNumber()
  page?: number;

  @PageLimit()
  limit?: number;
}

export function listOf<T>(data: T[], query: ListQuery = {}): ListResponse<T> {
  if (query.page === undefined && query.limit === undefined) {
    return { data, meta: { total: data.length } };
  }
  const page = query.page ?? 1;
  const limit = query.limit ?? 50;
  return {
    data: data.slice((page - 1) * limit, page * limit),
    meta: { total: data.length, page, limit },
  };
}

/** `?page=1&limit=50` (docs/api.md, Conventions): a larger limit is capped at 200, not refused. */
export class PageQuery {
  @PageNumber()
  page: number = 1;

  @PageLimit()
  limit: number = 50;
}

/** A page of a list, with what it is a page of. */
export interface Page<T> {
  data: T[];
  meta: { total: number; page: number; limit: number };
}
