import { RejectedRows } from './rejected-rows';

describe('RejectedRows', () => {
  it('counts every rejection and lists the first ones by line, however they arrive', () => {
    const rejected = new RejectedRows(3);
    for (const line of [2, 9, 5, 7, 3, 8]) rejected.add(line, `reason ${line}`);
    expect(rejected.count).toBe(6);
    expect(rejected.first()).toEqual([
      { line: 2, reason: 'reason 2' },
      { line: 3, reason: 'reason 3' },
      { line: 5, reason: 'reason 5' },
    ]);
  });

  it('counts a line once, however many errors the parser reports on it', () => {
    const rejected = new RejectedRows(10);
    rejected.add(3, 'Invalid Opening Quote: a quote is found on field "nik" at line 3');
    rejected.add(3, 'Invalid Opening Quote: a quote is found on field "nik" at line 3');
    rejected.add(4, 'nama: missing');
    expect(rejected.count).toBe(2);
    expect(rejected.first().map((row) => row.line)).toEqual([3, 4]);
  });

  it('never keeps a full NIK or KK number in a reason, however it is written', () => {
    const rejected = new RejectedRows(10);
    rejected.add(2, 'unreadable CSV: value is "3171014501900001"');
    rejected.add(3, 'found 3171 0101 0101 0001 and 3171.0101.0101.0001');
    expect(rejected.first().map((row) => row.reason)).toEqual([
      'unreadable CSV: value is "3171********0001"',
      'found 3171********0001 and 3171********0001',
    ]);
  });
});
