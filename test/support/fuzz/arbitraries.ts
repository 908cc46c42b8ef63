import fc from 'fast-check';

/** Where a request's unique marker goes: replaced per request before sending (see fuzz-client). */
export const MARK = '@@MARK@@';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text that has broken services before: markup, SQL, escapes, scripts from right to left. */
export const NASTY_FRAGMENTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&amp; &lt;b&gt; &#39; &quot;',
  "'; DROP TABLE complaints; --",
  "' OR '1'='1",
  '1); SELECT pg_sleep(0); --',
  '%s %d %n {{7*7}} ${7*7} #{7*7}',
  'C:\\Windows\\System32\\ \\n \\u0000 \\"',
  '"quoted" and \'single\' and `back`',
  'مرحبا بالعالم — שלום עולם',
  '\u202Eevil\u202C \u200B\u200D\uFEFF',
  '👩‍👩‍👧‍👦 🇮🇩 🙏🏽 𝕳𝖊𝖑𝖑𝖔',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'Jl. Kebon Sirih No. 22, RT 02/RW 05 — Kel. Kebon Sirih',
  'ＦＵＬＬ　ＷＩＤＴＨ ١٢٣ ๑๒๓',
  '\r\n\t  \u00a0',
  '%00%0d%0a',
  'NULL',
  'undefined',
  '../../etc/passwd',
  '\\x00\\',
];

/**
 * Date-times that ISO 8601 allows and `Date` or PostgreSQL cannot read (each was a 500 once):
 * six-digit signed years, week and ordinal dates, impossible days.
 */
export const UNREADABLE_INSTANTS = [
  '+009999-01-01T00:00:00Z',
  '-005000-01-01T00:00:00Z',
  '+002026-01-01',
  '2026-W01',
  '2026-W01-1T08:00:00Z',
  '2026-032T08:00:00Z',
  '2026-02-30T00:00:00Z',
];

/** Mostly `valid`, sometimes one of UNREADABLE_INSTANTS. */
export const instantOr = (valid: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constantFrom(...UNREADABLE_INSTANTS) },
  );

/** Characters that cannot be stored as text in PostgreSQL or are not Unicode at all. */
export const UNSTORABLE = ['\u0000', '\ud800', '\udfff', 'a\u0000b'];

/** Text a complaint may legitimately carry: any Unicode (no NUL, no lone surrogates). */
export const storableText = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...NASTY_FRAGMENTS) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((parts) => parts.join(' '))
    .map((text) => text.split('\u0000').join('').slice(0, maxLength))
    .map((text) => (LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE_G, '?') : text))
    .filter((text) => text.length > 0);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'g');

/** Huge strings are built once: generating megabytes per sample would dominate the run. */
const HUGE = {
  over1mb: 'x'.repeat(1024 * 1024 + 10),
  twoMb: 'é'.repeat(1024 * 1024), // 2 MB as UTF-8
  hundredKb: 'ß'.repeat(50_000),
  fiveK: 'a'.repeat(5_000),
};

/** A value of any type, biased towards the ones validators get wrong. */
export const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    0.1,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '0x1F',
    '12abc',
    'true',
    'null',
    '[]',
    '{}',
    [],
    {},
    [null],
    { $gt: '' },
    JSON.parse('{"__proto__":{"admin":true}}') as Json,
    ['a', 'b'],
    HUGE.fiveK,
    HUGE.hundredKb,
    ...UNSTORABLE,
    ...NASTY_FRAGMENTS,
  ),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Coordinates at and beyond the ends of their ranges. */
export const edgeCoordinate: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  90,
  -90,
  90.000001,
  -90.000001,
  180,
  -180,
  180.000001,
  -180.000001,
  0,
  -0,
  1e-320,
  360,
  -6.1754,
  106.8272,
  '-6.1754',
  '106.8272',
  'NaN',
  '1e400',
  -6.2,
  106.9,
);

/** NIK and KK numbers that must be refused: wrong length, letters, impossible dates or regions. */
export const malformedNik: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    '',
    '0000000000000000',
    '317101410190000', // 15 digits
    '31710141019000011', // 17 digits
    '3171013201900001', // day 32
    '3171017101900001', // day 71 (a woman's 31 + 40)
    '3171010113900001', // month 13
    '9971014101900001', // no such province
    '3171014101900000', // serial 0000
    '3171 0141 0190 0001',
    '3171-0141-0190-0001',
    '٣١٧١٠١٤١٠١٩٠٠٠٠١', // Arabic-Indic digits
    '３１７１０１４１０１９０００１', // full-width digits
    '317101410190000a',
    "3171014101900001' OR 1=1 --",
    '3171014101900001\u0000',
    3171014101900001,
    3.171014101900001e15,
  ),
  fc.stringMatching(/^\d{1,20}$/),
  fc.string({ maxLength: 20 }),
);

/** Keys that have confused object handling (prototype pollution, ORM operators, odd names). */
const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'status',
    'version',
    'createdBy',
    'channel',
    '$where',
    '',
    ' ',
    'a.b',
    'toString',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

type Path = (string | number)[];

/** Every path to a value inside a JSON object (objects and arrays descended). */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  const copy = clone(root);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    // defineProperty so that a key such as "__proto__" becomes an own property, as JSON.parse does
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function parentObjects(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? [] : [prefix];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return [...own, ...entries.flatMap(([key, child]) => parentObjects(child, [...prefix, key]))];
}

/** A deeply nested value: recursion in parsers, transformers and validators. */
const deep = (depth: number): Json => {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const DEEP = [deep(64), deep(1_000)];
/** Deeper than any value should be: sent as raw text (JSON.stringify itself would overflow). */
const DEEP_RAW = `${'{"a":['.repeat(10_000)}1${']}'.repeat(10_000)}`;

export interface Mutation {
  /** Extra, route-specific ways to break a valid body (e.g. swap lat/lon) */
  extra?: fc.Arbitrary<(base: Json) => Json>;
}

/**
 * Bodies for a route: valid ones from `base`, and every kind of damage to them — a field dropped,
 * retyped, emptied, made huge or hostile, extra fields, nested garbage, other JSON altogether.
 */
export function mutated(base: fc.Arbitrary<Json>, options: Mutation = {}): fc.Arbitrary<Json> {
  const retype = fc
    .tuple(base, fc.nat(), fc.oneof(wrongValue, edgeCoordinate, malformedNik))
    .map(([body, pick, value]) => {
      const paths = pathsOf(body);
      return paths.length ? setAt(body, paths[pick % paths.length], value) : value;
    });
  const drop = fc.tuple(base, fc.nat()).map(([body, pick]) => {
    const paths = pathsOf(body);
    return paths.length ? setAt(body, paths[pick % paths.length], undefined) : body;
  });
  const extra = fc.tuple(base, fc.nat(), extraKey, wrongValue).map(([body, pick, key, value]) => {
    const parents = parentObjects(body);
    if (!parents.length) return body;
    return setAt(body, [...parents[pick % parents.length], key], value);
  });
  const deepField = fc
    .tuple(base, fc.nat(), fc.constantFrom(...DEEP))
    .map(([body, pick, value]) => {
      const paths = pathsOf(body);
      return paths.length ? setAt(body, paths[pick % paths.length], value) : value;
    });
  const nastyField = fc.tuple(base, fc.nat(), storableText(300)).map(([body, pick, text]) => {
    const paths = pathsOf(body).filter((path) => typeof valueAt(body, path) === 'string');
    return paths.length ? setAt(body, paths[pick % paths.length], text) : body;
  });
  const notAnObject = fc.oneof(
    wrongValue,
    fc.constantFrom<Json>(DEEP[1], [], [{}], 'just a string'),
  );
  const arbitraries: fc.WeightedArbitrary<Json>[] = [
    { weight: 3, arbitrary: base },
    { weight: 4, arbitrary: retype },
    { weight: 2, arbitrary: drop },
    { weight: 2, arbitrary: extra },
    { weight: 2, arbitrary: nastyField },
    { weight: 1, arbitrary: deepField },
    { weight: 1, arbitrary: notAnObject },
  ];
  if (options.extra) {
    arbitraries.push({
      weight: 2,
      arbitrary: fc.tuple(base, options.extra).map(([body, change]) => change(clone(body))),
    });
  }
  return fc.oneof(...arbitraries);
}

function valueAt(root: Json, path: Path): Json {
  let node = root as Record<string | number, Json>;
  for (const key of path) node = node[key] as Record<string | number, Json>;
  return node as Json;
}

/** What goes over the wire: a JSON value, or raw bytes under some content type. */
export type FuzzInput = (
  | { kind: 'json'; value: Json }
  | {
      kind: 'raw';
      contentType: string | null;
      raw: string | Buffer;
      headers?: Record<string, string>;
    }
) & {
  /** A path parameter, for routes whose input is (also) their URL */
  param?: string;
};

/** Bodies no JSON parser should accept, and bodies under the wrong content type. */
export const rawInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '}',
      '{"a":}',
      "{'description':'single quotes'}",
      '{"description":"trailing",}',
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":1e999999}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"a":"\u0000"}',
      '['.repeat(100_000),
      '{"a":'.repeat(50_000),
      'null',
      'true',
      '42',
      '"string"',
      '[]',
      '',
      ' ',
      '\ufeff{}',
      '{"a":1}{"b":2}',
      DEEP_RAW,
      `{"description":${DEEP_RAW}}`,
      '<?xml version="1.0"?><a>1</a>',
      '--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--boundary--',
    )
    .map((raw): FuzzInput => ({ kind: 'raw', contentType: 'application/json', raw })),
  fc
    .tuple(
      fc.constantFrom(
        null,
        'text/plain',
        'application/xml',
        'text/html',
        'application/octet-stream',
        'multipart/form-data; boundary=boundary',
        'multipart/form-data',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/merge-patch+json',
        'application/vnd.api+json',
        'application/csp-report',
        '*/*',
        'garbage',
      ),
      fc.constantFrom(
        '{"description":"x"}',
        'a=1&b[c]=2&b[c]=3',
        'description=%3Cscript%3E&reporter[name]=x',
        '--boundary\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nnik,ditetapkan\r\n--boundary--',
        '<a>1</a>',
        '',
        '\u0000\u0001\u0002',
      ),
    )
    .map(([contentType, raw]): FuzzInput => ({ kind: 'raw', contentType, raw })),
  fc
    .constantFrom<[string, string]>(
      ['Content-Encoding', 'gzip'],
      ['Content-Encoding', 'br'],
      ['Content-Encoding', 'x-unknown'],
      ['Content-Encoding', 'deflate'],
    )
    .map(([name, value]): FuzzInput => ({
      kind: 'raw',
      contentType: 'application/json',
      raw: '{"not":"compressed"}',
      headers: { [name]: value },
    })),
  fc
    .constantFrom(HUGE.over1mb, HUGE.twoMb)
    .map((text): FuzzInput => ({ kind: 'json', value: { description: text } })),
);

/** A route's generated inputs: mostly (damaged) JSON bodies, some raw and oversized ones. */
export function inputs(bodies: fc.Arbitrary<Json>): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { weight: 9, arbitrary: bodies.map((value): FuzzInput => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: rawInput },
  );
}
