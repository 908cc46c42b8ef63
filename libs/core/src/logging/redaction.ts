// A NIK or KK number is 16 digits; anything that looks like one is cut from log output.
const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;

export function scrubIdentityNumbers(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (digits) => `${digits.slice(0, 4)}************`);
}

// Open311 clients may put their key in the query string (GeoReport v2 allows it on GET).
const SECRET_QUERY_PARAMETERS = /([?&]api_key=)[^&#]*/gi;

/** A request URL as it may be logged: no identity numbers, no API keys. */
export function scrubUrl(url: string): string {
  return scrubIdentityNumbers(url).replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
}

/** Fields whose values never reach the logs, at any of the depths where they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-jaki-signature"]',
  'res.headers["set-cookie"]',
  ...[
    'nik',
    'kk',
    'phone',
    'email',
    'name',
    'address',
    'reporter',
    'members',
    'value',
    'password',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];
