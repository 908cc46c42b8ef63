import { protectTable, SUPPRESSED } from './small-counts';

/** What `total − shown cells` tells about the suppressed ones together. */
function recoverable(table: ReturnType<typeof protectTable>): number | null {
  if (table.total === SUPPRESSED) return null;
  const shown = Object.values(table.cells).filter((n): n is number => n !== SUPPRESSED);
  return table.total - shown.reduce((sum, n) => sum + n, 0);
}

describe('protectTable', () => {
  it('shows a table without small cells as it is', () => {
    expect(protectTable(20, { L: 12, P: 8 })).toEqual({ total: 20, cells: { L: 12, P: 8 } });
  });

  it('suppresses a cell of 3, and the next smallest so the total cannot give it back', () => {
    const table = protectTable(17, { L: 3, P: 8, unknown: 6 });
    expect(table).toEqual({ total: 17, cells: { L: SUPPRESSED, P: 8, unknown: SUPPRESSED } });
    expect(recoverable(table)).toBe(9);
  });

  it('suppresses zeros too, and keeps going until the suppressed cells add up to 5 or more', () => {
    const table = protectTable(30, { anak: 0, dewasa: 24, lansia: 2, unknown: 4 });
    expect(table.cells).toEqual({
      anak: SUPPRESSED,
      dewasa: 24,
      lansia: SUPPRESSED,
      unknown: SUPPRESSED,
    });
    expect(recoverable(table)).toBe(6);
  });

  it('adds a shown cell when the small ones together are still under 5', () => {
    const table = protectTable(12, { yes: 1, no: 9, unknown: 2 });
    expect(table.cells).toEqual({ yes: SUPPRESSED, no: SUPPRESSED, unknown: SUPPRESSED });
  });

  it('suppresses everything, the total included, for a group under 5', () => {
    expect(protectTable(3, { L: 3, P: 0 })).toEqual({
      total: SUPPRESSED,
      cells: { L: SUPPRESSED, P: SUPPRESSED },
    });
  });

  it('never leaves a suppressed cell recoverable, for every table of three cells up to 12', () => {
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const table = protectTable(a + b + c, { a, b, c });
          const hidden = Object.values(table.cells).filter((n) => n === SUPPRESSED).length;
          const left = recoverable(table);
          expect({
            a,
            b,
            c,
            ok: hidden !== 1 && (left === null || hidden === 0 || left >= 5),
          }).toEqual({
            a,
            b,
            c,
            ok: true,
          });
          for (const n of Object.values(table.cells)) {
            if (n !== SUPPRESSED) expect(n).toBeGreaterThanOrEqual(5);
          }
        }
      }
    }
  });
});
