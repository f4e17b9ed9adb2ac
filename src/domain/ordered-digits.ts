// Base-64 digits in ASCII order: text made of them compares, under binary collation, as the numbers it holds do.
export const ORDERED_DIGITS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/** `value` (a whole number below 64^width) in `width` ordered digits, most significant first. */
export function toOrderedDigits(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ORDERED_DIGITS[rest % 64]! + out;
    rest = Math.floor(rest / 64);
  }
  return out;
}

/** The number `text` holds, or null when a character is not an ordered digit. */
export function fromOrderedDigits(text: string): number | null {
  let value = 0;
  for (const ch of text) {
    const digit = ORDERED_DIGITS.indexOf(ch);
    if (digit < 0) return null;
    value = value * 64 + digit;
  }
  return value;
}
