// The company identity rules of an import, as pure functions: which company a row means, and whether its name applies.
import { companyNameKey } from '../domain/normalise';
import type { ImportCompany } from './types';

/** What the rules need to know about a company, stored or planned by this import. */
export type KnownCompany = { id: string; name: string; nameKey: string; domains: readonly string[] };

/**
 * Finds known companies: the one owning a domain, every one holding an external id (one, unless two companies were
 * given the same id by hand), and every one whose name key is the given key; and tells a company's external id.
 */
export type CompanyLookup<C extends KnownCompany> = {
  byDomain(domain: string): C | undefined;
  byExternalId(externalId: string): readonly C[];
  byNameKey(key: string): readonly C[];
  externalIdOf(company: C): string | undefined;
};

export type CompanyResolution<C extends KnownCompany> =
  /** `reason` says why, as the report shows it: "domain acme.com", "external id 0012345" or "name key acme". */
  | { kind: 'found'; company: C; by: 'domain' | 'external id' | 'name'; reason: string }
  /** `namesakes` are companies with the same name key that own other domains or external ids: not the same company, but worth a warning. */
  | { kind: 'new'; namesakes: C[] }
  | { kind: 'ambiguous'; message: string };

type Incoming = Pick<ImportCompany, 'domains' | 'nameKey' | 'externalId'>;

const listNames = <C extends KnownCompany>(companies: readonly C[], externalIdOf?: (c: C) => string | undefined) =>
  companies
    .slice(0, 5)
    .map((c) => describeCompany(c, externalIdOf?.(c)))
    .join(', ');

export function describeCompany(c: Pick<KnownCompany, 'name' | 'domains'>, externalId?: string): string {
  const name = c.name || c.domains[0] || '(no name)';
  const details = [...(c.domains.length > 0 && c.name && !c.domains.includes(c.name) ? [c.domains.join(', ')] : []), ...(externalId !== undefined ? [`external id ${externalId}`] : [])];
  return details.length > 0 ? `"${name}" (${details.join(', ')})` : `"${name}"`;
}

/**
 * The identity rules, in order:
 * 1. any of the row's domains: the company owning it (domains of two different companies: ambiguous, never a guess);
 *    when the row's external id belongs to another company, the row is ambiguous too;
 * 2. the row's external id: the company holding it;
 * 3. the name key, but only against companies that own no domain the row does not have and hold no other external
 *    id than the row's: a company with the same name and a different domain or id is another company (the row makes
 *    a new one, and the caller warns);
 * 4. otherwise a new company.
 */
export function resolveCompany<C extends KnownCompany>(incoming: Incoming, lookup: CompanyLookup<C>): CompanyResolution<C> {
  const owners = new Map<string, C>();
  for (const domain of incoming.domains) {
    const owner = lookup.byDomain(domain);
    if (owner) owners.set(owner.id, owner);
  }
  if (owners.size > 1) {
    return { kind: 'ambiguous', message: `The domains ${incoming.domains.join(', ')} belong to different companies (${listNames([...owners.values()])}); put one company per row.` };
  }
  const externalId = incoming.externalId;
  const holders = externalId === undefined ? [] : lookup.byExternalId(externalId);
  const idOf = (c: C) => lookup.externalIdOf(c);
  const [owner] = owners.values();
  if (owner) {
    const domain = incoming.domains.find((d) => lookup.byDomain(d)?.id === owner.id)!;
    const other = holders.find((h) => h.id !== owner.id);
    if (other) {
      return {
        kind: 'ambiguous',
        message: `The domain ${domain} belongs to ${describeCompany(owner, idOf(owner))} but the external id ${externalId} to ${describeCompany(other, idOf(other))}; correct the row (or one of the companies) so both name the same company.`,
      };
    }
    return { kind: 'found', company: owner, by: 'domain', reason: `domain ${domain}` };
  }
  if (holders.length > 1) {
    return { kind: 'ambiguous', message: `The external id ${externalId} belongs to ${holders.length} companies (${listNames(holders)}); give each company its own external id on its profile.` };
  }
  const [holder] = holders;
  if (holder) return { kind: 'found', company: holder, by: 'external id', reason: `external id ${externalId}` };
  if (!incoming.nameKey) return { kind: 'new', namesakes: [] };
  const sameName = lookup.byNameKey(incoming.nameKey);
  // With domains on the row, a namesake that owns domains is a different company; without, any namesake can be meant.
  // A namesake holding another external id than the row's is a different company too.
  const eligible = sameName.filter((c) => (incoming.domains.length === 0 || c.domains.length === 0) && (externalId === undefined || lookup.externalIdOf(c) === undefined));
  if (eligible.length > 1) {
    return { kind: 'ambiguous', message: `The company name matches ${eligible.length} companies (${listNames(eligible, idOf)}); add the company's domain or external id to say which.` };
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

/**
 * The warning for a row that made a new company although a company with the same name owns another domain or holds
 * another external id: names both, with what tells them apart.
 */
export function namesakeWarning<C extends KnownCompany>(
  row: number,
  incoming: Pick<ImportCompany, 'name' | 'domains' | 'externalId'>,
  namesakes: readonly C[],
  externalIdOf: (company: C) => string | undefined = () => undefined,
): string {
  const otherId = incoming.externalId !== undefined && namesakes.some((n) => externalIdOf(n) !== undefined && externalIdOf(n) !== incoming.externalId);
  const otherDomain = incoming.domains.length > 0 && namesakes.some((n) => n.domains.length > 0);
  const differs = otherId && otherDomain ? 'a different domain or external id' : otherId ? 'a different external id' : 'a different domain';
  const self = describeCompany({ name: incoming.name ?? '', domains: incoming.domains }, incoming.externalId);
  return `Row ${row}: ${self} has the same name as ${listNames(namesakes, externalIdOf)} but ${differs}, so it is a separate company.`;
}
