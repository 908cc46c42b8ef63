import { jsonNestingDepth } from './json-depth';

const depthOf = (text: string, limit = 32) => jsonNestingDepth(Buffer.from(text), limit);

describe('jsonNestingDepth', () => {
  it('counts arrays and objects alike', () => {
    expect(depthOf('1')).toBe(0);
    expect(depthOf('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(depthOf('[[],[[]],[]]')).toBe(3);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depthOf('{"a":"[[[[{{{{"}')).toBe(1);
    expect(depthOf('{"a":"\\"[[[[","b":[1]}')).toBe(2);
    expect(depthOf('["\\\\",[2]]')).toBe(2);
  });

  it('stops at the first level past the limit, however long the rest', () => {
    const bomb = Buffer.alloc(1024 * 1024, '[');
    expect(jsonNestingDepth(bomb, 32)).toBe(33);
    expect(depthOf('['.repeat(32) + ']'.repeat(32))).toBe(32);
  });
});
