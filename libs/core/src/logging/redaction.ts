// A NIK or KK number is 16 digits; anything that looks like one is cut from log output.
const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;

export function scrubIdentityNumbers(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (digits) => `${digits.slice(0, 4)}************`);
}

// Query parameters that carry a credential by name: Open311's key (`api_key`, `api_key[]`), and
// bearer tokens as OAuth clients and browser redirects put them in URLs.
const SECRET_NAMES = /^(api_key|(access_|id_|refresh_)?token\b|jwt\b)/;
// Query parameters that carry personal data by name (the list's search by the reporter's phone).
const PERSONAL_NAMES = /^(reporterphone|phone|email|nik|kk)$/;
// A JWT (or JWE) wherever it stands: its header is base64url JSON, so it starts with `eyJ`, and a
// dot follows.
const JWT_LIKE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\./;

/**
 * A request URL as it may be logged: no identity numbers, no phone number or e-mail searched by,
 * no API key and no bearer token. A
 * credential may stand in the query string (GeoReport v2 allows the key on GET; a client may put
 * its token there), its name encoded in any way the query parser decodes (`api%5Fkey`,
 * `%61pi_key`): names are compared decoded, and any value that decodes to something shaped like a
 * JWT is hidden whatever its name.
 */
export function scrubUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return scrubIdentityNumbers(url);
  const fragmentStart = url.indexOf('#', queryStart);
  const queryEnd = fragmentStart < 0 ? url.length : fragmentStart;
  const query = url
    .slice(queryStart + 1, queryEnd)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const name = separator < 0 ? pair : pair.slice(0, separator);
      const value = separator < 0 ? '' : pair.slice(separator + 1);
      const plainName = decoded(name).toLowerCase();
      const secret =
        SECRET_NAMES.test(plainName) ||
        PERSONAL_NAMES.test(plainName) ||
        JWT_LIKE.test(decoded(value));
      return secret ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return scrubIdentityNumbers(`${url.slice(0, queryStart + 1)}${query}${url.slice(queryEnd)}`);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
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
