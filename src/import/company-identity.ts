// The company identity rules of an import, as pure functions: which company a row means, and whether its name applies.
import { companyNameKey } from '../domain/normalise';
import type { ImportCompany } from './types';

/** What the rules need to know about a company, stored or planned by this import. */
export type KnownCompany = { id: string; name: string; nameKey: string; domains: readonly string[] };

/** Finds known companies: the one owning a domain, and every one whose name key is the given key. */
export type CompanyLookup<C extends KnownCompany> = { byDomain(domain: string): C | undefined; byNameKey(key: string): readonly C[] };

export type CompanyResolution<C extends KnownCompany> =
  /** `reason` says why, as the report shows it: "domain acme.com" or "name key acme". */
  | { kind: 'found'; company: C; by: 'domain' | 'name'; reason: string }
  /** `namesakes` are companies with the same name key that own other domains: not the same company, but worth a warning. */
  | { kind: 'new'; namesakes: C[] }
  | { kind: 'ambiguous'; message: string };

const listNames = (companies: readonly KnownCompany[]) => companies.slice(0, 5).map((c) => describeCompany(c)).join(', ');

export function describeCompany(c: Pick<KnownCompany, 'name' | 'domains'>): string {
  const name = c.name || c.domains[0] || '(no name)';
  return c.domains.length > 0 && c.name && !c.domains.includes(c.name) ? `"${name}" (${c.domains.join(', ')})` : `"${name}"`;
}

/**
 * The identity rules, in order:
 * 1. any of the row's domains: the company owning it (domains of two different companies: ambiguous, never a guess);
 * 2. the name key, but only against companies that own no domain the row does not have: a company with the same
 *    name and a different domain is another company (the row makes a new one, and the caller warns);
 * 3. otherwise a new company.
 */
export function resolveCompany<C extends KnownCompany>(incoming: Pick<ImportCompany, 'domains' | 'nameKey'>, lookup: CompanyLookup<C>): CompanyResolution<C> {
  const owners = new Map<string, C>();
  for (const domain of incoming.domains) {
    const owner = lookup.byDomain(domain);
    if (owner) owners.set(owner.id, owner);
  }
  if (owners.size > 1) {
    return { kind: 'ambiguous', message: `The domains ${incoming.domains.join(', ')} belong to different companies (${listNames([...owners.values()])}); put one company per row.` };
  }
  const [owner] = owners.values();
  if (owner) {
    const domain = incoming.domains.find((d) => lookup.byDomain(d)?.id === owner.id)!;
    return { kind: 'found', company: owner, by: 'domain', reason: `domain ${domain}` };
  }
  if (!incoming.nameKey) return { kind: 'new', namesakes: [] };
  const sameName = lookup.byNameKey(incoming.nameKey);
  // With domains on the row, a namesake that owns domains is a different company; without, any namesake can be meant.
  const eligible = incoming.domains.length > 0 ? sameName.filter((c) => c.domains.length === 0) : sameName;
  if (eligible.length > 1) {
    return { kind: 'ambiguous', message: `The company name matches ${eligible.length} companies (${listNames(eligible)}); add the company's domain to say which.` };
  }
  const [only] = eligible;
  if (only) return { kind: 'found', company: only, by: 'name', reason: `name key ${incoming.nameKey}` };
  return { kind: 'new', namesakes: [...sameName] };
}

/** A company is unnamed until a row names it: no name yet, or the domain it was named after for want of one. */
export function isUnnamed(company: Pick<KnownCompany, 'name' | 'domains'>): boolean {
  return company.name === '' || company.domains.includes(company.name);
}

export type NameDecision = { name?: string; warning?: string };

/**
 * Whether a row's company name applies. The first row that names a company fixes its name; an import never renames a
 * named company. A later name that is not the same name (by name key) is reported, with both names.
 * `namedAtRow` is the row of this file that named the company, when known.
 */
export function decideCompanyName(company: Pick<KnownCompany, 'name' | 'nameKey' | 'domains'>, incomingName: string | undefined, row: number, namedAtRow?: number): NameDecision {
  if (incomingName === undefined) return {};
  if (isUnnamed(company)) return incomingName === company.name ? {} : { name: incomingName };
  if (companyNameKey(incomingName) === company.nameKey) return {};
  const where = namedAtRow !== undefined ? `row ${namedAtRow} named it "${company.name}"` : `it is already named "${company.name}"`;
  const which = company.domains.length > 0 ? `the company of ${company.domains.join(', ')}` : 'the company';
  return { warning: `Row ${row} names ${which} "${incomingName}", but ${where}; the name "${company.name}" is kept (rename it on its profile if you wish).` };
}

/** The warning for a row that made a new company although a company with the same name owns another domain. */
export function namesakeWarning(row: number, incoming: Pick<ImportCompany, 'name' | 'domains'>, namesakes: readonly KnownCompany[]): string {
  return `Row ${row}: ${describeCompany({ name: incoming.name ?? '', domains: incoming.domains })} has the same name as ${listNames(namesakes)} but a different domain, so it is a separate company.`;
}
