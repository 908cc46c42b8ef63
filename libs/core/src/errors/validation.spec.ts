import { MAX_INPUT_DEPTH, unacceptableInput } from './validation';

describe('unacceptableInput', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };

  it('accepts ordinary input, any Unicode included', () => {
    expect(
      unacceptableInput({
        description: '<script>alert(1)</script> &amp; 👩‍👩‍👧 مرحبا \u202e',
        reporter: { name: 'O\'Brien \\ "x"' },
        photos: ['https://example.org/a.jpg'],
        count: 3,
        flag: null,
      }),
    ).toBeNull();
    expect(unacceptableInput(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(unacceptableInput(undefined)).toBeNull();
  });

  it('names the field holding a NUL character or a lone surrogate', () => {
    const found = (value: unknown) => {
      const problem = unacceptableInput(value);
      return problem && { field: problem.field, problem: String(problem.problem) };
    };
    expect(found({ reporter: { name: 'a\u0000b' } })).toEqual({
      field: 'reporter.name',
      problem: 'must not contain NUL characters',
    });
    expect(found({ photos: ['ok', 'x\ud800'] })).toEqual({
      field: 'photos.1',
      problem: 'must be valid Unicode text',
    });
    expect(found('\udc00')).toEqual({ field: 'body', problem: 'must be valid Unicode text' });
  });

  it('refuses nesting deeper than the limit without overflowing the stack itself', () => {
    expect(unacceptableInput(nested(MAX_INPUT_DEPTH + 1))?.problem.toString()).toMatch(
      /nested deeper/,
    );
    expect(unacceptableInput(nested(200_000))?.problem.toString()).toMatch(/nested deeper/);
  });
});
