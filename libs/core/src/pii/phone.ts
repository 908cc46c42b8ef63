/** 0812…, +62812… and 62812… are one number: the form its keyed hash is taken of. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
}
