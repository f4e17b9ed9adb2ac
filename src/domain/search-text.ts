// What search finds a record by, and how a typed query is read: one folded line of text per record, matched anywhere.
import { foldText } from './normalise';
import type { Company, Contact } from './records';

/** Longest searchable text kept per record (names, email, phone digits, domains, custom values, in that order). */
export const MAX_SEARCH_TEXT = 400;
/** Matches read before ranking: a LIMIT before any sort, so a query costs the same whatever the directory's size. */
export const SEARCH_CANDIDATES = 200;

const digitsOf = (text: string) => text.replace(/\D/g, '');

function join(parts: string[]): string {
  const out: string[] = [];
  for (const part of parts) if (part && !out.some((p) => ` ${p} `.includes(` ${part} `))) out.push(part);
  return out.join(' ').slice(0, MAX_SEARCH_TEXT);
}

/** "Ada Lovelace", ada.l@acme.com, +44 (20) 7946-0000 -> "ada lovelace ada l acme com 442079460000". */
export function contactSearchText(c: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'email' | 'phone' | 'custom'>): string {
  const phone = digitsOf(c.phone);
  const name = `${c.firstName} ${c.lastName}`;
  // The display name is most often the two names: folded once (join drops a repeated part anyway).
  const folded = foldText(c.displayName);
  return join([folded, name === c.displayName ? '' : foldText(name), foldText(c.email), phone.length >= 3 ? phone : '', ...Object.values(c.custom).map(foldText)]);
}

export function companySearchText(c: Pick<Company, 'name' | 'domains' | 'custom'>): string {
  return join([foldText(c.name), ...c.domains.map(foldText), ...Object.values(c.custom).map(foldText)]);
}

/**
 * The pieces every match must contain. A phone number is searched by its digits whatever its punctuation; an email
 * or domain typed whole ("ada.l@acme.com") is one piece, so its parts must stay together; other text is searched
 * word by word (at most five words).
 */
export function searchPieces(text: string): string[] {
  const raw = text.trim().toLowerCase();
  if (raw === '') return [];
  const digits = digitsOf(raw);
  if (/^[\d\s()+\-./]+$/.test(raw) && digits.length >= 3) return [digits];
  const folded = foldText(raw);
  if (folded === '') return [];
  if (!/\s/.test(raw) && /[@.]/.test(raw)) return [folded];
  return folded.split(' ').slice(0, 5);
}

/** 0: the exact email or domain; 1: every piece starts a word; 2: some piece sits inside a word. */
export function searchRank(pieces: readonly string[], text: string, exact: boolean): number {
  if (exact) return 0;
  const spaced = ` ${text}`;
  return pieces.every((p) => spaced.includes(` ${p}`)) ? 1 : 2;
}
