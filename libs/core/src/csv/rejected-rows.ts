import { maskIdentityNumbers } from '../pii/masking';

export interface RejectedRow {
  /** Line in the file (the header is line 1) */
  line: number;
  reason: string;
}

/**
 * The rows an import refused: all of them counted, the first `listed` (by line) kept with their
 * reasons, so that the answer stays small whatever the file (a file of 500,000 bad rows answered
 * 54 MB). A reason may quote the file (csv-parse quotes the field it choked on): every NIK or KK
 * number in it is masked.
 */
export class RejectedRows {
  private readonly rows: RejectedRow[] = [];
  private lastLine = -1;
  /** The highest line listed: a later one cannot be among the first */
  private highest = -1;
  count = 0;

  constructor(private readonly listed: number) {}

  add(line: number, reason: string): void {
    // A line is refused once: csv-parse may report several errors on one line.
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.count++;
    if (this.rows.length < this.listed) {
      this.rows.push({ line, reason: maskIdentityNumbers(reason) });
      this.highest = Math.max(this.highest, line);
      return;
    }
    if (line > this.highest) return;
    // Full: an earlier line (found late, e.g. by a batch's write) takes the last listed one's place.
    const last = this.rows.reduce((at, row, i) => (row.line > this.rows[at].line ? i : at), 0);
    this.rows[last] = { line, reason: maskIdentityNumbers(reason) };
    this.highest = Math.max(...this.rows.map((row) => row.line));
  }

  /** The first rejected rows, by line. */
  first(): RejectedRow[] {
    return [...this.rows].sort((a, b) => a.line - b.line);
  }
}
