/** A complete (unpaginated) list of a bounded set, such as reference data. */
export interface ListResponse<T> {
  data: T[];
  meta: { total: number };
}

export function listOf<T>(data: T[]): ListResponse<T> {
  return { data, meta: { total: data.length } };
}
