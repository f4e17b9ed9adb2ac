// The companies an import has met, by id, domain and name key: filled from the store in one query per chunk.
import type { Store } from '../../domain/ports';
import type { Company } from '../../domain/records';
import { companyNameKey, normaliseDomain } from '../../domain/normalise';
import { resolveCompany, type CompanyLookup, type CompanyResolution } from '../../import/company-identity';
import type { ImportCompany } from '../../import/types';


export class CompanyIndex implements CompanyLookup<Company> {
  private readonly byId = new Map<string, Company>();
  private readonly byDomainMap = new Map<string, string>();
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
      this.byDomainMap.set(d, company.id);
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
    this.byDomainMap.clear();
    this.byKey.clear();
    this.knownDomains.clear();
    this.knownKeys.clear();
  }

  get(id: string): Company | undefined {
    return this.byId.get(id);
  }

  byDomain(domain: string): Company | undefined {
    const id = this.byDomainMap.get(domain);
    return id === undefined ? undefined : this.byId.get(id);
  }

  byNameKey(key: string): Company[] {
    return [...(this.byKey.get(key) ?? [])].map((id) => this.byId.get(id)).filter((c): c is Company => c !== undefined);
  }

  /** The identity rules of src/import/company-identity against what this index holds. */
  match(company: Pick<ImportCompany, 'domains' | 'nameKey'>): CompanyResolution<Company> {
    return resolveCompany(company, this);
  }

  /** A parent written as a domain or a name. */
  static parentRef(ref: string): { domains: string[]; nameKey?: string } {
    const domain = /\./.test(ref) && !/\s/.test(ref.trim()) ? normaliseDomain(ref) : null;
    return domain ? { domains: [domain] } : { domains: [], nameKey: companyNameKey(ref) };
  }
}
