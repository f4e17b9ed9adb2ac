// The companies an import has met, by id, domain and name key: filled from the store in one query per chunk.
import type { Store } from '../../domain/ports';
import type { Company } from '../../domain/records';
import { companyNameKey, normaliseDomain } from '../../domain/normalise';
import type { ImportCompany } from '../../import/types';

/** `reason` says why a stored company matched, as the report shows it: "domain acme.com" or "name key acme". */
export type CompanyMatch = { kind: 'found'; company: Company; reason: string } | { kind: 'new' } | { kind: 'ambiguous'; message: string };

export class CompanyIndex {
  private readonly byId = new Map<string, Company>();
  private readonly byDomain = new Map<string, string>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly knownDomains = new Set<string>();
  private readonly knownKeys = new Set<string>();

  /** Looks up, in one query, every domain and name key not seen before. */
  async load(store: Store, refs: { domains: string[]; keys: string[] }): Promise<void> {
    const domains = refs.domains.filter((d) => !this.knownDomains.has(d));
    const keys = refs.keys.filter((k) => !this.knownKeys.has(k));
    if (domains.length === 0 && keys.length === 0) return;
    const found = await store.companies.findByDomainsOrNameKeys(domains, keys);
    for (const d of domains) this.knownDomains.add(d);
    for (const k of keys) this.knownKeys.add(k);
    for (const company of found) if (!this.byId.has(company.id)) this.put(company);
  }

  put(company: Company): void {
    const previous = this.byId.get(company.id);
    if (previous && previous.nameKey !== company.nameKey) this.byKey.get(previous.nameKey)?.delete(company.id);
    this.byId.set(company.id, company);
    for (const d of company.domains) {
      this.byDomain.set(d, company.id);
      this.knownDomains.add(d);
    }
    const ids = this.byKey.get(company.nameKey) ?? new Set<string>();
    ids.add(company.id);
    this.byKey.set(company.nameKey, ids);
    this.knownKeys.add(company.nameKey);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Forgets everything (a real run reloads what it needs from the store; only dry runs must keep their plan). */
  clear(): void {
    this.byId.clear();
    this.byDomain.clear();
    this.byKey.clear();
    this.knownDomains.clear();
    this.knownKeys.clear();
  }

  get(id: string): Company | undefined {
    return this.byId.get(id);
  }

  /** Domains first, then the name key; several candidates are an ambiguity, never a guess. */
  match(company: Pick<ImportCompany, 'domains' | 'nameKey'>): CompanyMatch {
    const ids = new Set(company.domains.map((d) => this.byDomain.get(d)).filter((id): id is string => id !== undefined));
    if (ids.size > 1) {
      const names = [...ids].map((id) => this.byId.get(id)?.name ?? id);
      return { kind: 'ambiguous', message: `The domains ${company.domains.join(', ')} belong to different companies (${names.join(', ')}).` };
    }
    const [byDomain] = ids;
    if (byDomain) {
      const domain = company.domains.find((d) => this.byDomain.get(d) === byDomain)!;
      return { kind: 'found', company: this.byId.get(byDomain)!, reason: `domain ${domain}` };
    }
    if (company.nameKey) {
      const candidates = [...(this.byKey.get(company.nameKey) ?? [])];
      if (candidates.length > 1) {
        const names = candidates.slice(0, 5).map((id) => this.byId.get(id)?.name ?? id);
        return { kind: 'ambiguous', message: `The company name matches ${candidates.length} companies (${names.join(', ')}); add the company's domain to say which.` };
      }
      const [only] = candidates;
      if (only) return { kind: 'found', company: this.byId.get(only)!, reason: `name key ${company.nameKey}` };
    }
    return { kind: 'new' };
  }

  /** A parent written as a domain or a name. */
  static parentRef(ref: string): { domains: string[]; nameKey?: string } {
    const domain = /\./.test(ref) && !/\s/.test(ref.trim()) ? normaliseDomain(ref) : null;
    return domain ? { domains: [domain] } : { domains: [], nameKey: companyNameKey(ref) };
  }
}
