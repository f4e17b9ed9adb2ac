// When two contacts are probably the same person: emails that differ only by dots, plus-tags or case, the same phone
// number whatever its punctuation, or the same name in the same company.
import { foldText } from './normalise';

export type DuplicateReason = 'same-email' | 'same-phone' | 'same-name-and-company';

/** Fewer digits than this is an extension or a typo, not a number two people could share by mistake. */
const MIN_PHONE_DIGITS = 7;

/** "Ada.Lovelace+crm@Example.org" and "adalovelace@example.org" share "adalovelace@example.org". */
export function emailDuplicateKey(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const local = email.slice(0, at).toLowerCase().split('+')[0]!.replace(/\./g, '');
  const domain = email.slice(at + 1).toLowerCase();
  return local === '' || domain === '' ? null : `${local}@${domain}`;
}

/** "(134)122-8853" and "134 122 8853" share "1341228853"; null for numbers too short to compare. */
export function phoneDuplicateKey(phone: string): string | null {
  const digits = phone.replace(/\D+/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** Names compared without case, accents or punctuation; null for an empty name. */
export function personNameKey(name: string): string | null {
  const key = foldText(name);
  return key === '' ? null : key;
}

/** One key per unordered pair of contacts, the same whichever is named first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
