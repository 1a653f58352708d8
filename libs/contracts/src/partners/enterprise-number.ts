/**
 * A Belgian enterprise number (KBO/BCE): ten digits, written `0123.456.749` or `0123456749`, the
 * last two digits being 97 minus the first eight modulo 97. Returns the ten digits, or null when
 * the text is not a valid number.
 */
export function normaliseEnterpriseNumber(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\d{4}\.?\d{3}\.?\d{3}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\./g, '');
  if (digits[0] !== '0' && digits[0] !== '1') return null;
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return 97 - (base % 97) === check ? digits : null;
}

export function formatEnterpriseNumber(digits: string): string {
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
