// A NIK or KK number is 16 digits; anything that looks like one is cut from log output.
const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;

export function scrubIdentityNumbers(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (digits) => `${digits.slice(0, 4)}************`);
}

/**
 * A request URL as it may be logged: no identity numbers, and no API key. Open311 clients may put
 * their key in the query string (GeoReport v2 allows it on GET), its name encoded in any way the
 * query parser decodes (`api%5Fkey`, `%61pi_key`): names are compared decoded.
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
      const name = pair.split('=', 1)[0];
      return decodedName(name).startsWith('api_key') ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return scrubIdentityNumbers(`${url.slice(0, queryStart + 1)}${query}${url.slice(queryEnd)}`);
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
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
