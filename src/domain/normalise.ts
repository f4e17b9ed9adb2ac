// Normalisation rules that decide when two values mean the same customer: emails, domains, company names, words.
import freeMailDomains from 'email-providers/all.json';

const EMAIL_SHAPE = /^[^\s@"<>(),;:\\[\]]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const DOMAIN_SHAPE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A host the URL parser returns unchanged: ASCII letters, digits and hyphens in dot-separated labels, none of them
 * punycode (`xn--`, which the parser checks), ending in a label of letters (so never read as an IPv4 address).
 */
const PLAIN_HOST = /^(?!xn--)[a-z0-9-]+(?:\.(?!xn--)[a-z0-9-]+)*\.[a-z]{2,63}$/;

/**
 * `compute` remembering its last answers (at most `size`, forgotten all at once when full): for pure functions that
 * files call with the same few values on many rows.
 */
export function remembered<T>(compute: (key: string) => T, size = 10_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    if (known.size >= size) known.clear();
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/** A hostname in ASCII (IDN labels to punycode), using the URL parser that both Node and browsers carry. */
export function toAsciiHost(host: string): string | null {
  const trimmed = host.trim().toLowerCase().replace(/\.$/, '');
  // Files repeat the same domains on many rows, and the URL parser is the costliest step of reading one.
  return PLAIN_HOST.test(trimmed) ? trimmed : parsedHost(trimmed);
}

const parsedHost = remembered((trimmed: string): string | null => {
  // `%` and `\` are refused because the URL parser would decode or reinterpret them into a different host.
  if (!trimmed || /[\s/\\?#@:%]/.test(trimmed)) return null;
  try {
    return new URL(`http://${trimmed}/`).hostname;
  } catch {
    return null;
  }
});

/**
 * Characters that change how text looks or is read without showing: zero-width characters, bidi controls, the soft
 * hyphen, the BOM, and C0/C1 control characters (NUL included) other than tab and line ends.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/gu;

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** Printable ASCII, tabs and line ends: nothing invisible, and already NFC. */
const PLAIN_TEXT = /^[\t\n\r\x20-\x7e]*$/;

/** NFC-normalised text without invisible characters, and how many were removed (names get a warning for them). */
export function cleanText(raw: string): { text: string; removed: number } {
  if (PLAIN_TEXT.test(raw)) return { text: raw, removed: 0 };
  let removed = 0;
  const text = raw.replace(INVISIBLE, () => {
    removed++;
    return '';
  });
  return { text: text.normalize('NFC'), removed };
}

/** Characters that would make a `mailto:` link carry more than an address (Cc, Subject, Body). */
const MAILTO_QUERY = /[?&]/;

/** Why an email address is refused before its shape is checked, or null. */
export function emailProblem(raw: string): string | null {
  if (hasInvisible(raw)) return 'An email address cannot contain invisible or control characters (zero-width, bidi, soft hyphen, NUL)';
  if (MAILTO_QUERY.test(raw)) return 'An email address cannot contain ? or &';
  return null;
}

/** Trimmed, NFC-normalised, lowercased, IDN domain in punycode; null when it is not an email address. */
export function normaliseEmail(raw: string): string | null {
  if (emailProblem(raw) !== null) return null;
  const value = raw.normalize('NFC').trim().replace(/^mailto:/i, '');
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1 || value.length > 320) return null;
  const local = value.slice(0, at).toLowerCase();
  const host = toAsciiHost(value.slice(at + 1));
  // The domain rule keeps out IP and numeric hosts, which the URL parser would rewrite ("a@123" -> "a@0.0.0.123").
  if (!host || local.length > 64 || !DOMAIN_SHAPE.test(host)) return null;
  const email = `${local}@${host}`;
  return EMAIL_SHAPE.test(email) ? email : null;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** A company domain from a domain or website cell: scheme, `www.`, path, query and port stripped. */
export function normaliseDomain(raw: string): string | null {
  let value = raw.trim().toLowerCase();
  if (!value) return null;
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  value = value.replace(/^[^@/]*@/, ''); // user info
  value = value.split(/[/?#]/, 1)[0] ?? '';
  value = value.replace(/:\d*$/, '');
  value = value.replace(/^www\d?\./, '');
  const host = toAsciiHost(value);
  if (!host || !DOMAIN_SHAPE.test(host)) return null;
  return host;
}

const FREE_MAIL = new Set<string>(freeMailDomains);

/** Free-mail domains (gmail.com, outlook.com, ...) never identify a company. */
export function isFreeMailDomain(domain: string, extra: readonly string[] = []): boolean {
  const d = domain.toLowerCase();
  return FREE_MAIL.has(d) || extra.some((e) => e.toLowerCase() === d);
}

const ASCII_TEXT = /^[\x00-\x7f]*$/;

/** Lowercase, accents removed, punctuation to spaces, whitespace collapsed. */
export function foldText(text: string): string {
  // ASCII has no accents or compatibility forms, and its letters and digits are [a-z0-9] once lowercased.
  if (ASCII_TEXT.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Legal-form suffixes ignored when matching company names (after folding: "S.A." -> "s a" -> joined "sa").
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'mbh', 'ag', 'kg', 'ug', 'ohg', 'ev', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv', 'nv', 'vof',
  'ab', 'as', 'asa', 'oy', 'oyj', 'aps', 'pty', 'pte', 'kk', 'sro', 'sp', 'zoo', 'kft', 'doo', 'se', 'lda',
  'ltda', 'cv', 'sc', 'pvt', 'private', 'holding', 'holdings',
]);

/**
 * The key two company names match on: "ACME, Inc." and "Acme Inc" share "acme"; "Acme Europe" keeps "acme europe".
 * Single letters that spell an abbreviation with dots ("S.A.") are joined before suffixes are dropped.
 */
export function companyNameKey(name: string): string {
  // Dotted abbreviations lose their dots first, so "A.B.C. Ltd" and "ABC Ltd" meet on "abc".
  const undotted = name.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L}(?![\p{L}\p{N}])\.?/gu, (m) => m.replace(/\./g, ''));
  const words = foldText(undotted.replace(/&/g, ' and ')).split(' ').filter(Boolean);
  const joined: string[] = [];
  for (const word of words) {
    const last = joined[joined.length - 1];
    if (word.length === 1 && last !== undefined && /^\p{L}+$/u.test(last) && last.length <= 2 && joined.length > 1) {
      joined[joined.length - 1] = last + word;
    } else {
      joined.push(word);
    }
  }
  while (joined.length > 1 && LEGAL_SUFFIXES.has(joined[joined.length - 1]!)) {
    joined.pop();
    // "Acme & Co." leaves a dangling "and" once "co" is gone.
    if (joined.length > 1 && joined[joined.length - 1] === 'and') joined.pop();
  }
  if (joined.length > 1 && joined[0] === 'the') joined.shift();
  return joined.join(' ');
}

/** Search terms for prefix search: folded words, each at most MAX_TERM_LENGTH characters. */
export const MAX_TERM_LENGTH = 64;
export function searchWords(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const word of foldText(text).split(' ')) if (word) out.add(word.slice(0, MAX_TERM_LENGTH));
  }
  return [...out];
}

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

/**
 * "Ada Lovelace" -> Ada / Lovelace; "Lovelace, Ada" -> Ada / Lovelace; a single word is a first name.
 * A generational or degree suffix stays with the last name: "Martin Luther King, Jr." -> Martin Luther / King Jr.
 */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  let name = full.trim().replace(/\s+/g, ' ');
  let suffix = '';
  const cut = Math.max(name.lastIndexOf(','), name.lastIndexOf(' '));
  const rest = name.slice(0, cut).trim();
  // Only when something name-like remains: "Jr" alone or "King Jr" could be a given name and surname.
  if (cut > 0 && /[ ,]/.test(rest) && NAME_SUFFIXES.has(foldText(name.slice(cut + 1)).replace(/ /g, ''))) {
    suffix = name.slice(cut + 1).trim();
    name = rest.replace(/,$/, '').trim();
  }
  const split = splitPlainName(name);
  return { firstName: split.firstName, lastName: [split.lastName, suffix].filter(Boolean).join(' ') };
}

function splitPlainName(name: string): { firstName: string; lastName: string } {
  if (!name) return { firstName: '', lastName: '' };
  const comma = name.indexOf(',');
  if (comma > 0) return { firstName: name.slice(comma + 1).trim(), lastName: name.slice(0, comma).trim() };
  const space = name.lastIndexOf(' ');
  if (space < 0) return { firstName: name, lastName: '' };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

export function displayNameOf(c: { firstName: string; lastName: string; displayName?: string; email: string }): string {
  return c.displayName?.trim() || [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email;
}
