import fc from 'fast-check';
import {
  cleanText,
  companyNameKey,
  displayNameOf,
  foldText,
  isFreeMailDomain,
  normaliseDomain,
  normaliseEmail,
  searchWords,
  splitFullName,
  toAsciiHost,
} from '../../src/domain/normalise';

// The slow paths the fast ones must agree with, as they were written before the fast paths existed.
const urlHost = (host: string): string | null => {
  const trimmed = host.trim().toLowerCase().replace(/\.$/, '');
  if (!trimmed || /[\s/\\?#@:%]/.test(trimmed)) return null;
  try {
    return new URL(`http://${trimmed}/`).hostname;
  } catch {
    return null;
  }
};
const slowFold = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const slowClean = (raw: string) => {
  let removed = 0;
  const text = raw.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/gu, () => {
    removed++;
    return '';
  });
  return { text: text.normalize('NFC'), removed };
};

describe('fast paths for plain ASCII give what the general rules give', () => {
  const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/);
  const tld = fc.oneof(fc.stringMatching(/^[a-zA-Z]{2,6}$/), fc.constantFrom('xn--p1ai', '123', '0x1f', 'com.', 'CO'));
  const host = fc.tuple(fc.array(fc.oneof(label, fc.constantFrom('xn--bcher-kva', 'xn--zz', 'www', '1', '0x7f')), { minLength: 0, maxLength: 4 }), tld).map(([labels, last]) => [...labels, last].join('.'));

  it('toAsciiHost agrees with the URL parser on dotted ASCII hosts, punycode and numeric ones included', () => {
    fc.assert(fc.property(host, (h) => expect(toAsciiHost(h)).toBe(urlHost(h))), { numRuns: 2000 });
    for (const h of ['Bücher.de', 'xn--bcher-kva.de', '1.2.3.4', '0x7f.1', 'a..b.com', 'acme.com.', '', 'a b.com', '例え.テスト']) expect(toAsciiHost(h)).toBe(urlHost(h));
  });

  it('foldText and cleanText agree with their Unicode rules on any text', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 }), fc.constantFrom('Crème', 'ACME\u200b Inc', 'a\tb\r\nc', 'ﬁne', 'Å'));
    fc.assert(fc.property(text, (t) => {
      expect(foldText(t)).toBe(slowFold(t));
      expect(cleanText(t)).toEqual(slowClean(t));
    }), { numRuns: 3000 });
  });
});

describe('normaliseEmail', () => {
  it('lowercases and trims', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('drops a mailto: prefix', () => {
    expect(normaliseEmail('MAILTO:ada@example.com')).toBe('ada@example.com');
  });

  it('writes an international domain in punycode and keeps the local part', () => {
    expect(normaliseEmail('jörg@bücher.de')).toBe('jörg@xn--bcher-kva.de');
  });

  it('keeps plus addressing', () => {
    expect(normaliseEmail('ada+crm@example.com')).toBe('ada+crm@example.com');
  });

  it('refuses text that is not an email address', () => {
    for (const raw of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada @example.com', 'ada@exa mple.com', 'a@b@example.com', 'ada@-example.com']) {
      expect(normaliseEmail(raw)).toBeNull();
    }
  });

  it('refuses IP and numeric hosts instead of letting the URL parser rewrite them', () => {
    expect(normaliseEmail('ada@123')).toBeNull();
    expect(normaliseEmail('ada@10.0.0.1')).toBeNull();
    expect(normaliseEmail('ada@[10.0.0.1]')).toBeNull();
  });

  it('refuses percent-encoded hosts', () => {
    expect(normaliseEmail('ada@ex%41mple.com')).toBeNull();
  });

  it('refuses addresses over the length limits', () => {
    expect(normaliseEmail(`${'a'.repeat(65)}@example.com`)).toBeNull();
    expect(normaliseEmail(`ada@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.com`)).toBeNull();
  });
});

describe('normaliseDomain', () => {
  it('reads the domain out of a website address', () => {
    expect(normaliseDomain('https://www.Acme.com:8080/about?x')).toBe('acme.com');
    expect(normaliseDomain('//www2.acme.com/')).toBe('acme.com');
    expect(normaliseDomain('acme.com.')).toBe('acme.com');
    expect(normaliseDomain('mailto:sales@acme.com')).toBe('acme.com');
  });

  it('keeps subdomains other than www and multi-part suffixes', () => {
    expect(normaliseDomain('acme.co.uk')).toBe('acme.co.uk');
    expect(normaliseDomain('eu.acme.com')).toBe('eu.acme.com');
  });

  it('writes an international domain in punycode', () => {
    expect(normaliseDomain('http://bücher.de')).toBe('xn--bcher-kva.de');
  });

  it('refuses text that is not a domain', () => {
    for (const raw of ['', '   ', 'acme', 'localhost', 'not a domain', '192.168.0.1', 'acme..com', 'https://', 'acme_corp.com', 'ex%41mple.com']) {
      expect(normaliseDomain(raw)).toBeNull();
    }
  });
});

describe('companyNameKey', () => {
  it('matches names that differ only in case, punctuation and legal form', () => {
    expect(companyNameKey('ACME, Inc.')).toBe('acme');
    expect(companyNameKey('Acme Inc')).toBe(companyNameKey('ACME, Inc.'));
    expect(companyNameKey('acme inc.')).toBe(companyNameKey('ACME, Inc.'));
    expect(companyNameKey('Acme Ltd')).toBe('acme');
    expect(companyNameKey('Acme GmbH & Co. KG')).toBe('acme');
  });

  it('keeps words that tell companies apart', () => {
    expect(companyNameKey('Acme Europe')).toBe('acme europe');
    expect(companyNameKey('Acme Europe')).not.toBe(companyNameKey('Acme'));
  });

  it('removes accents and dotted legal forms', () => {
    expect(companyNameKey('Société Générale S.A.')).toBe('societe generale');
    expect(companyNameKey('Fiat S.p.A.')).toBe('fiat');
    expect(companyNameKey('Maersk A/S')).toBe('maersk');
  });

  it('joins dotted abbreviations so they match the undotted spelling', () => {
    expect(companyNameKey('A.B.C. Ltd')).toBe(companyNameKey('ABC Ltd'));
    expect(companyNameKey('J.P. Morgan')).toBe('jp morgan');
  });

  it('drops a leading "The" and a trailing "& Co."', () => {
    expect(companyNameKey('The Acme Company')).toBe('acme');
    expect(companyNameKey('Acme & Co.')).toBe('acme');
    expect(companyNameKey('Procter & Gamble Co.')).toBe('procter and gamble');
  });

  it('never reduces a name to nothing', () => {
    expect(companyNameKey('The Company')).not.toBe('');
    expect(companyNameKey('Ltd')).toBe('ltd');
  });
});

describe('isFreeMailDomain', () => {
  it('knows the common free-mail providers', () => {
    expect(isFreeMailDomain('gmail.com')).toBe(true);
    expect(isFreeMailDomain('outlook.com')).toBe(true);
    expect(isFreeMailDomain('GMAIL.COM')).toBe(true);
  });

  it('does not flag company domains', () => {
    expect(isFreeMailDomain('acme.com')).toBe(false);
  });

  it('also flags domains from an extra list, ignoring case', () => {
    expect(isFreeMailDomain('mail.example.org', ['mail.example.org'])).toBe(true);
    expect(isFreeMailDomain('mail.example.org', ['Mail.Example.org'])).toBe(true);
    expect(isFreeMailDomain('acme.com', ['mail.example.org'])).toBe(false);
  });
});

describe('foldText', () => {
  it('lowercases, removes accents and turns punctuation into single spaces', () => {
    expect(foldText('  Crème-Brûlée,  Ltd. ')).toBe('creme brulee ltd');
  });
});

describe('splitFullName', () => {
  it('splits "First Last"', () => {
    expect(splitFullName('Ada Lovelace')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('keeps middle names with the first name', () => {
    expect(splitFullName('  Augusta  Ada   Lovelace ')).toEqual({ firstName: 'Augusta Ada', lastName: 'Lovelace' });
  });

  it('reads "Last, First"', () => {
    expect(splitFullName('Lovelace, Ada')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('treats a single word as a first name', () => {
    expect(splitFullName('Ada')).toEqual({ firstName: 'Ada', lastName: '' });
    expect(splitFullName('   ')).toEqual({ firstName: '', lastName: '' });
  });

  it('keeps a suffix such as Jr. with the last name', () => {
    expect(splitFullName('Martin Luther King, Jr.')).toEqual({ firstName: 'Martin Luther', lastName: 'King Jr.' });
    expect(splitFullName('King, Martin Luther, Jr.')).toEqual({ firstName: 'Martin Luther', lastName: 'King Jr.' });
    expect(splitFullName('Grace Hopper PhD')).toEqual({ firstName: 'Grace', lastName: 'Hopper PhD' });
  });
});

describe('searchWords', () => {
  it('gives folded, distinct words from all texts', () => {
    expect(searchWords('Jörg Müller', 'jorg@bucher.de', 'Müller')).toEqual(['jorg', 'muller', 'bucher', 'de']);
  });

  it('gives nothing for blank text', () => {
    expect(searchWords('', '  ', '--')).toEqual([]);
  });

  it('cuts very long words to 64 characters', () => {
    expect(searchWords('x'.repeat(100))).toEqual(['x'.repeat(64)]);
  });
});

describe('displayNameOf', () => {
  it('prefers the display name, then the full name, then the email', () => {
    expect(displayNameOf({ firstName: 'Ada', lastName: 'Lovelace', displayName: 'Countess', email: 'a@x.com' })).toBe('Countess');
    expect(displayNameOf({ firstName: 'Ada', lastName: 'Lovelace', displayName: '  ', email: 'a@x.com' })).toBe('Ada Lovelace');
    expect(displayNameOf({ firstName: '', lastName: '', email: 'a@x.com' })).toBe('a@x.com');
  });
});
