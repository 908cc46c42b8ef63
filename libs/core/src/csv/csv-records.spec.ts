import { Readable } from 'node:stream';
import { csvRecords } from './csv-records';

/** Every record of `chunks`, read as a stream cut where the chunks are cut. */
async function records(...chunks: string[]) {
  const all = [];
  for await (const batch of csvRecords(Readable.from(chunks.map((c) => Buffer.from(c))))) {
    all.push(...batch);
  }
  return all;
}

describe('csvRecords', () => {
  it('splits plain lines on commas, across chunk boundaries, with Windows line ends and a BOM', async () => {
    expect(await records('\uFEFFa,b\r\nc,', 'd\n\ne,f')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f'] },
    ]);
  });

  it('reads quoted fields, commas and line breaks inside them, numbering the line a record starts on', async () => {
    expect(await records('x,"Siti, S.Pd"\n"two\nlines",y\nz,w\n')).toEqual([
      { line: 1, fields: ['x', 'Siti, S.Pd'] },
      { line: 2, fields: ['two\nlines', 'y'] },
      { line: 4, fields: ['z', 'w'] },
    ]);
  });

  it('says why a record cannot be read and goes on with the next line', async () => {
    const read = await records('a,b"c"\nd,e\n"open,f\n');
    expect(read[0]).toEqual({
      line: 1,
      unreadable: expect.stringContaining('Invalid Opening Quote'),
    });
    expect(read[0]).not.toHaveProperty('unreadable', expect.stringContaining('at line'));
    expect(read[1]).toEqual({ line: 2, fields: ['d', 'e'] });
    expect(read[2]).toEqual({ line: 3, unreadable: expect.stringContaining('not closed') });
  });

  it('refuses a quote left open instead of reading the rest of a large file into one record', async () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `row,${i}`);
    const read = await records(`"open,${lines.join('\n')}\n`);
    expect(read[0]).toEqual({ line: 1, unreadable: expect.stringContaining('Quote') });
    expect(read.length).toBeGreaterThan(1_000);
    expect(read.at(-1)).toEqual({ line: 2_000, fields: ['row', '1999'] });
  });
});
