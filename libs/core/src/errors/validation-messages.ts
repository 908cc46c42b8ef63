import { getMetadataStorage, ValidationError, ValidationOptions } from 'class-validator';
import { Bilingual, bilingual } from '../i18n/bilingual';

/**
 * What each class-validator constraint means, in words an operator can act on. The constraint's
 * own arguments (a length, the allowed values) come from its decorator, so a message never
 * drifts from the rule it explains.
 */
const CONSTRAINTS: Record<string, (args: unknown[]) => Bilingual> = {
  whitelistValidation: () =>
    bilingual(
      'bukan kolom permintaan ini; hapus kolom ini',
      'is not a field of this request; remove it',
    ),
  isDefined: () => REQUIRED,
  isNotEmpty: () => EMPTY,
  arrayNotEmpty: () => EMPTY,
  nestedValidation: () => OBJECT,
  isObject: () => OBJECT,
  isString: () => bilingual('harus berupa teks', 'must be text'),
  isInt: () => bilingual('harus bilangan bulat', 'must be a whole number'),
  isNumber: () => bilingual('harus berupa angka', 'must be a number'),
  isBoolean: () => BOOLEAN,
  isBooleanString: () => BOOLEAN,
  isArray: () => bilingual('harus berupa daftar (array JSON)', 'must be a list (a JSON array)'),
  arrayMinSize: ([n]) =>
    bilingual(`harus berisi paling sedikit ${n} butir`, `must hold at least ${n} items`),
  arrayMaxSize: ([n]) => bilingual(`paling banyak ${n} butir`, `must hold at most ${n} items`),
  minLength: ([n]) =>
    bilingual(`paling sedikit ${n} karakter`, `must be at least ${n} characters long`),
  maxLength: ([n]) =>
    bilingual(`paling banyak ${n} karakter`, `must be at most ${n} characters long`),
  isLength: ([min, max]) =>
    max === undefined
      ? bilingual(`paling sedikit ${min} karakter`, `must be at least ${min} characters long`)
      : bilingual(
          `harus ${min} sampai ${max} karakter`,
          `must be ${min} to ${max} characters long`,
        ),
  min: ([n]) => bilingual(`paling kecil ${n}`, `must be at least ${n}`),
  max: ([n]) => bilingual(`paling besar ${n}`, `must be at most ${n}`),
  isIn: ([values]) => oneOf(values as unknown[]),
  isEnum: ([, values]) => oneOf(values as unknown[]),
  isUuid: () => bilingual('harus berupa ID (UUID)', 'must be an id (UUID)'),
  isEmail: () =>
    bilingual(
      'harus alamat e-mail, misalnya nama@contoh.id',
      'must be an e-mail address such as name@example.id',
    ),
  isUrl: () =>
    bilingual(
      'harus alamat web http(s), misalnya https://contoh.id/a',
      'must be an http(s) address such as https://example.id/a',
    ),
  isIso8601: () => DATE,
  isISO8601: () => DATE,
  isDateString: () => DATE,
  isLatitude: () =>
    bilingual('harus lintang antara -90 dan 90', 'must be a latitude between -90 and 90'),
  isLongitude: () =>
    bilingual('harus bujur antara -180 dan 180', 'must be a longitude between -180 and 180'),
  matches: () =>
    bilingual('formatnya tidak sesuai; lihat dokumentasi API', 'is not in the documented format'),
};

const REQUIRED = bilingual('wajib diisi', 'is required');
const EMPTY = bilingual('tidak boleh kosong', 'must not be empty');
const OBJECT = bilingual('harus berupa objek JSON ({ ... })', 'must be a JSON object ({ ... })');
const BOOLEAN = bilingual('harus true atau false', 'must be true or false');
const DATE = bilingual(
  'harus tanggal atau waktu ISO 8601, misalnya 2026-12-02 atau 2026-12-02T09:30:00+07:00',
  'must be an ISO 8601 date or time such as 2026-12-02 or 2026-12-02T09:30:00+07:00',
);

function oneOf(values: unknown[]): Bilingual {
  const list = values.map(String).join(', ');
  return bilingual(`harus salah satu dari: ${list}`, `must be one of: ${list}`);
}

/**
 * class-validator carries a rule's message as a string; a Bilingual travels through it encoded
 * (a marker no user text can start with, then JSON) and the pipe reads it back. Custom rules
 * whose message depends on the value (why a NIK is wrong) return one from `defaultMessage`.
 */
const MARK = '\u0001bilingual:';

export function encodeMessage(message: Bilingual): string {
  return MARK + JSON.stringify({ id: message.id, en: message.en });
}

function decodeMessage(message: string): Bilingual | null {
  if (!message.startsWith(MARK)) return null;
  const { id, en } = JSON.parse(message.slice(MARK.length)) as { id: string; en: string };
  return bilingual(id, en);
}

/**
 * Validation options whose message is written in both languages, for a rule whose own words say
 * more than the constraint's (a pattern says nothing; "a code like 31.71" does).
 */
export function saying(id: string, en: string, options: ValidationOptions = {}): ValidationOptions {
  return { ...options, message: encodeMessage(bilingual(id, en)) };
}

/** Which problem of a field to report when it breaks several rules: what to fix first. */
const FIRST = ['whitelistValidation', 'isDefined', 'nestedValidation', 'isObject', 'isArray'];
const TYPES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isBooleanString']);
const SIZES = new Set([
  'minLength',
  'maxLength',
  'isLength',
  'min',
  'max',
  'arrayMinSize',
  'arrayMaxSize',
]);
const EMPTY_MEANS = new Set(['isNotEmpty', 'arrayNotEmpty', 'minLength', 'isLength']);

function rank(constraint: string): number {
  if (FIRST.includes(constraint)) return FIRST.indexOf(constraint);
  if (TYPES.has(constraint)) return FIRST.length;
  if (SIZES.has(constraint)) return FIRST.length + 2;
  return FIRST.length + 1;
}

/**
 * The one problem reported for a field that failed validation. A missing field is "required"
 * (not the three length and type rules it also fails), an empty one "must not be empty";
 * otherwise the most basic rule it breaks.
 */
export function problemOf(error: ValidationError): Bilingual | null {
  const constraints = Object.keys(error.constraints ?? {});
  if (!constraints.length) return null;
  if (!constraints.includes('whitelistValidation')) {
    if (error.value === undefined || error.value === null) {
      // A rule that says when the field is required ("when lat and long are not given") says more.
      const conditional = constraints.find((name) => name === 'isDefined' || TYPES.has(name));
      return (conditional && decodeMessage(error.constraints![conditional])) || REQUIRED;
    }
    if (
      (error.value === '' || (Array.isArray(error.value) && !error.value.length)) &&
      constraints.some((name) => EMPTY_MEANS.has(name))
    ) {
      return EMPTY;
    }
  }
  const chosen = constraints.reduce((best, name) => (rank(name) < rank(best) ? name : best));
  return describe(error, chosen);
}

function describe(error: ValidationError, constraint: string): Bilingual {
  const given = error.constraints![constraint];
  const own = decodeMessage(given);
  if (own) return own;
  const known = CONSTRAINTS[constraint];
  if (known) return known(argumentsOf(error, constraint));
  // A rule neither the catalogue nor its decorator explains speaks class-validator's English
  // only: the same words in both languages rather than none.
  const english = withoutFieldName(given, error.property);
  return bilingual(english, english);
}

/** The rule's own arguments (4000 for MaxLength(4000)), read from the decorator's metadata. */
function argumentsOf(error: ValidationError, constraint: string): unknown[] {
  const target = error.target?.constructor;
  if (!target || target === Object || target === Array) return [];
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((meta) => meta.propertyName === error.property && meta.name === constraint);
  return rule?.constraints ?? [];
}

/** class-validator's English starts with the property name, which the response names already. */
function withoutFieldName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** Whether a rule is explained in both languages: its own message, or the catalogue's words. */
export function isBilingual(constraint: string, message: unknown): boolean {
  if (typeof message === 'string') return decodeMessage(message) !== null;
  return constraint in CONSTRAINTS && constraint !== 'matches';
}
