/** Masks for personal data shown to roles that do not need it in full. */

const STAR = '*';

function maskAllButLast(value: string, keep: number): string {
  const chars = [...value];
  return chars.map((char, i) => (i < chars.length - keep ? STAR : char)).join('');
}

/** `3171********0001`; a malformed value shows only its last two characters. */
export function maskNik(nik: string): string {
  return /^\d{16}$/.test(nik)
    ? `${nik.slice(0, 4)}${STAR.repeat(8)}${nik.slice(12)}`
    : maskAllButLast(nik, 2);
}

export const maskKk = maskNik;

/** `0812*****890`: the operator prefix and the last three digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return maskAllButLast(digits, 2);
  return `${digits.slice(0, 4)}${STAR.repeat(digits.length - 7)}${digits.slice(-3)}`;
}

/** `b***@example.com` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskAllButLast(email, 2);
  return `${[...email][0]}${STAR.repeat(3)}${email.slice(at)}`;
}

/** `B*** S***`: initials only. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0]}${STAR.repeat(3)}`)
    .join(' ');
}

/** `Jl. K*** S*** 22, …`: the street's initials only, the rest dropped. */
export function maskAddress(address: string): string {
  const [street] = address.split(',');
  return `${maskName(street)}, …`;
}

/** `https://x.com/…`: a link to a person's post names them in its path; only the site stays. */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

/** A NIK or KK number inside a text: 16 digits or more, maybe grouped by spaces, dots or dashes. */
const IDENTITY_NUMBER = /(?<!\d)\d(?:[ .-]?\d){15,}(?!\d)/g;

/**
 * A text that may quote what someone sent (an import's rejection reason, a header it refused),
 * with every NIK or KK number in it masked as maskNik does: such texts are answered and logged.
 */
export function maskIdentityNumbers(text: string): string {
  return text.replace(IDENTITY_NUMBER, (found) => maskNik(found.replace(/\D/g, '')));
}

/** A phone number inside a text: `0812…`, `+62 812…` or `62812…`, maybe grouped. */
const PHONE_NUMBER = /(?<![\d+])(?:\+?62|0)[\s.-]?8\d(?:[\s.-]?\d){6,11}(?!\d)/g;
/** An e-mail address inside a text. */
const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/**
 * A reporter's own words leaving the service in bulk (an export): NIK and KK numbers, phone
 * numbers and e-mail addresses in it masked. Names cannot be told from other words: an export
 * that must hold none leaves such texts out.
 */
export function maskContactData(text: string): string {
  return maskIdentityNumbers(text)
    .replace(PHONE_NUMBER, (found) => maskPhone(found))
    .replace(EMAIL_ADDRESS, (found) => maskEmail(found));
}
