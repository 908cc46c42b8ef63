import { CsvError, parse } from 'csv-parse/sync';
import { StringDecoder } from 'node:string_decoder';

/** One record of a CSV file: its fields, or why it cannot be read; `line` is where it starts. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; unreadable: string };

/** A record longer than this is a quote left open: it is refused rather than read on to the end. */
const MAX_RECORD_CHARS = 4_096;

/**
 * Reads a CSV stream record by record, for imports of millions of rows. A line without a quote
 * is split on its commas, which costs about a hundredth of a general parser's time; a record with
 * a quote — a name with a comma, a field that spans lines, or a stray quote — goes to csv-parse,
 * which also words the reason when it cannot be read. Empty lines are skipped, a byte-order mark
 * and Windows line ends are accepted. Records come in arrays, one per chunk read, so that a
 * million rows do not cost a million awaits.
 */
export async function* csvRecords(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNumber = 0;
  /** A quoted record still open at the end of the last line, and the line it started on */
  let open: { text: string; line: number; quotes: number } | undefined;

  /** The records of the complete lines in `text`; an unfinished last line waits for the next chunk. */
  function read(text: string, last: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1 && !(last && start < text.length)) break;
      const stop = end === -1 ? text.length : end;
      let line = text.slice(start, text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
      lineNumber++;
      if (lineNumber === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
      const record = open ? readOn(open, line) : readLine(line);
      if (record) records.push(record);
      start = stop + 1;
    }
    rest = last ? '' : text.slice(start);
    return records;
  }

  function readLine(line: string): CsvRecord | undefined {
    if (line.indexOf('"') === -1)
      return line === '' ? undefined : { line: lineNumber, fields: line.split(',') };
    return readQuoted(line, lineNumber);
  }

  /** The next line of an open record: parsed again only once its quotes are balanced. */
  function readOn(record: NonNullable<typeof open>, line: string): CsvRecord | undefined {
    const text = `${record.text}\n${line}`;
    const quotes = record.quotes + line.split('"').length - 1;
    if (quotes % 2 === 1 && text.length <= MAX_RECORD_CHARS) {
      open = { text, line: record.line, quotes };
      return undefined;
    }
    return readQuoted(text, record.line);
  }

  function readQuoted(text: string, line: number): CsvRecord | undefined {
    open = undefined;
    try {
      const [fields] = parse(text, { relax_column_count: true }) as string[][];
      return fields ? { line, fields } : undefined;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED' && text.length <= MAX_RECORD_CHARS) {
        open = { text, line, quotes: text.split('"').length - 1 };
        return undefined;
      }
      // csv-parse counts lines within the record; the caller reports the file's line.
      return { line, unreadable: error.message.replace(/ (at|on) line \d+/, '') };
    }
  }

  for await (const chunk of input) {
    yield read(rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk)), false);
  }
  const records = read(rest + decoder.end(), true);
  if (open) {
    records.push({
      line: open.line,
      unreadable: 'a quoted field is not closed at the end of the file',
    });
  }
  yield records;
}
