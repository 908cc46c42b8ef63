/**
 * What the jsonb columns of events and jobs hold: flat objects of scalars and string lists
 * (TypeORM's insert types cannot follow a recursive JSON type).
 */
export type JsonObject = Record<string, string | number | boolean | null | string[]>;
