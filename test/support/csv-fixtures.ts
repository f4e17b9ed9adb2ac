// Realistic CRM files for import tests and benchmarks: people, companies written the messy ways real exports write them.
// A seeded PRNG makes every file reproducible from its seed; no dependency needed.

/** Mulberry32: small, fast and good enough to pick sample data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const FIRST_NAMES = ['Ada', 'Bob', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Giulia', 'Hiro', 'Ingrid', 'José', "Liam", "O'Brien", 'Zoë', 'Mary-Jane'];
const LAST_NAMES = ['Lovelace', 'Builder', 'Dupont', 'Ivanov', 'García', 'Müller', 'Rossi', 'Tanaka', 'Nguyen', "O'Connor", 'Smith', 'van der Berg'];
const TITLES = ['CTO', 'Head of Support', 'Engineer', 'Account Manager', 'VP, Sales', ''];
const STREETS = ['1 Main St', '22 Rue de la Paix', '5 Baker Street\nFlat 2', '100 Queen St W\nSuite 300'];
const CITIES = ['Sydney', 'Paris', 'London', 'Toronto', 'Berlin', 'São Paulo'];

/** Companies as a CSV sample generator would name them; each has a canonical name and domain. */
export const BASE_COMPANIES = [
  { name: 'Atlassian', domain: 'atlassian.com' },
  { name: 'Acme', domain: 'acme.com' },
  { name: 'Garcia', domain: 'garcia.info' },
  { name: 'Jackson', domain: 'fitz.com' },
  { name: 'Brown and Sons', domain: 'brown.com' },
  { name: 'Initech', domain: 'initech.io' },
] as const;

export const NAME_VARIANTS = ['plain', 'upper', 'lower', 'suffix', 'commaSuffix', 'the', 'spacing', 'geography'] as const;
export type NameVariant = (typeof NAME_VARIANTS)[number];
const LEGAL = ['Inc', 'Inc.', 'Ltd', 'LLC', 'PLC', 'GmbH', 'S.A.', 'Pty Ltd'];
const GEOGRAPHY = ['Europe', 'UK', 'APAC', 'North America'];

/** The same company written another way: "Atlassian, PLC", "ATLASSIAN", "The Atlassian", "Atlassian Europe". */
export function nameVariant(name: string, variant: NameVariant, which = 0): string {
  switch (variant) {
    case 'plain':
      return name;
    case 'upper':
      return name.toUpperCase();
    case 'lower':
      return name.toLowerCase();
    case 'suffix':
      return `${name} ${LEGAL[which % LEGAL.length]}`;
    case 'commaSuffix':
      return `${name}, ${LEGAL[which % LEGAL.length]!.toUpperCase()}`;
    case 'the':
      return `The ${name}`;
    case 'spacing':
      return ` ${name.replace(/ /g, '  ')}  `;
    case 'geography':
      return `${name} ${GEOGRAPHY[which % GEOGRAPHY.length]}`;
  }
}

export const DOMAIN_VARIANTS = ['plain', 'shouting', 'url', 'www', 'blank'] as const;
export type DomainVariant = (typeof DOMAIN_VARIANTS)[number];

/** The same domain as cells hold it: ' ATLASSIAN.COM ', 'https://www.atlassian.com/about', or left blank. */
export function domainVariant(domain: string, variant: DomainVariant): string {
  switch (variant) {
    case 'plain':
      return domain;
    case 'shouting':
      return ` ${domain.toUpperCase()} `;
    case 'url':
      return `https://www.${domain}/about`;
    case 'www':
      return `www.${domain}`;
    case 'blank':
      return '';
  }
}

/** One CSV cell, quoted when it must be (commas, quotes, line breaks, edge spaces). */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvText = (rows: readonly (readonly string[])[]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export type FixtureStyle = 'customers' | 'leads' | 'organizations';

const person = (random: Random, i: number) => {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const local = `${first}.${last}`.normalize('NFKD').replace(/[^A-Za-z.]/g, '').toLowerCase();
  return { first, last, local: `${local}${i}` };
};

const messyCompany = (random: Random) => {
  const base = pick(random, BASE_COMPANIES);
  const variant = pick(random, NAME_VARIANTS.filter((v) => v !== 'geography'));
  return { base, name: nameVariant(base.name, variant, Math.floor(random() * 8)), website: domainVariant(base.domain, pick(random, DOMAIN_VARIANTS)) };
};

/**
 * A file in the shape of a common CRM export:
 * - customers: Email, names, company (messy variants), website, phone, multi-line address;
 * - leads: `Email 1`/`Email 2`, `Phone 1`/`Phone 2`, a `Lead Owner` column the import does not know;
 * - organizations: companies only (`Organization Id`, `Name`, `Website`, ...).
 */
export function generateCsv(options: { seed: number; rows: number; style: FixtureStyle }): string {
  const random = seededRandom(options.seed);
  const rows: string[][] = [];
  if (options.style === 'customers') {
    rows.push(['Customer Id', 'First Name', 'Last Name', 'Company', 'Website', 'Email', 'Phone', 'Address', 'City']);
    for (let i = 0; i < options.rows; i++) {
      const p = person(random, i);
      const c = messyCompany(random);
      const address = `${pick(random, STREETS)}\n${pick(random, CITIES)}`;
      rows.push([`C${1000 + i}`, p.first, p.last, c.name, c.website, `${p.local}@${c.base.domain}`, `+1 555 01${String(i % 100).padStart(2, '0')}`, address, pick(random, CITIES)]);
    }
  } else if (options.style === 'leads') {
    rows.push(['Lead Owner', 'First Name', 'Last Name', 'Title', 'Email 1', 'Email 2', 'Phone 1', 'Phone 2', 'Company Name', 'Website']);
    for (let i = 0; i < options.rows; i++) {
      const p = person(random, i);
      const c = messyCompany(random);
      const second = random() < 0.5 ? `${p.local}@gmail.com` : '';
      rows.push([pick(random, ['Sam Owner', 'Kim Owner']), p.first, p.last, pick(random, TITLES), `${p.local}@${c.base.domain}`, second, '+44 20 7946 0018', random() < 0.3 ? '+44 7700 900123' : '', c.name, c.website]);
    }
  } else {
    rows.push(['Organization Id', 'Name', 'Website', 'Country', 'Description', 'Industry', 'Number of employees']);
    for (let i = 0; i < options.rows; i++) {
      const c = messyCompany(random);
      rows.push([`ORG-${(i * 7919) % 100000}`, c.name, c.website, pick(random, ['Australia', 'France', 'Canada']), 'Synergised,\nmulti-line description', 'Software', String(10 + i)]);
    }
  }
  return csvText(rows);
}
