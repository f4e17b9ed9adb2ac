// The companies an import has met, by id, domain, external id and name key: filled from the store a chunk at a time.
import type { Store } from '../../domain/ports';
import type { Company } from '../../domain/records';
import { externalIdOf as externalIdIn } from '../../domain/external-id';
import { companyNameKey, normaliseDomain } from '../../domain/normalise';
import { resolveCompany, type CompanyLookup, type CompanyResolution } from '../../import/company-identity';
import type { ImportCompany } from '../../import/types';


export class CompanyIndex implements CompanyLookup<Company> {
  private readonly byId = new Map<string, Company>();
  private readonly byDomainMap = new Map<string, string>();
  private readonly byExternalIdMap = new Map<string, Set<string>>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly knownDomains = new Set<string>();
  private readonly knownExternalIds = new Set<string>();
  private readonly knownKeys = new Set<string>();
  /** Where companies keep their external id: the External ID field's id, or the key a dry run plans it under. */
  private externalIdKey: string | null = null;

  /** Says which custom value is the external id; set before anything is put (a job's field does not change while it runs). */
  useExternalIdField(key: string | null): void {
    if (key === this.externalIdKey) return;
    this.clear();
    this.externalIdKey = key;
  }

  /** Looks up every domain, external id and name key not seen before: one query for domains and keys, one for ids. */
  async load(store: Store, refs: { domains: string[]; keys: string[]; externalIds?: string[] }): Promise<void> {
    const domains = refs.domains.filter((d) => !this.knownDomains.has(d));
    const keys = refs.keys.filter((k) => !this.knownKeys.has(k));
    const externalIds = (refs.externalIds ?? []).filter((x) => !this.knownExternalIds.has(x));
    const found = domains.length > 0 || keys.length > 0 ? await store.companies.findByDomainsOrNameKeys(domains, keys) : [];
    if (externalIds.length > 0) found.push(...(await store.companies.findByExternalIds(externalIds)));
    for (const d of domains) this.knownDomains.add(d);
    for (const k of keys) this.knownKeys.add(k);
    for (const x of externalIds) this.knownExternalIds.add(x);
    for (const company of found) if (!this.byId.has(company.id)) this.put(company);
  }

  put(company: Company): void {
    const previous = this.byId.get(company.id);
    if (previous && previous.nameKey !== company.nameKey) this.byKey.get(previous.nameKey)?.delete(company.id);
    const previousId = previous && this.externalIdOf(previous);
    if (previousId !== undefined && previousId !== this.externalIdOf(company)) this.byExternalIdMap.get(previousId)?.delete(company.id);
    this.byId.set(company.id, company);
    for (const d of company.domains) {
      this.byDomainMap.set(d, company.id);
      this.knownDomains.add(d);
    }
    const externalId = this.externalIdOf(company);
    if (externalId !== undefined) {
      const holders = this.byExternalIdMap.get(externalId) ?? new Set<string>();
      holders.add(company.id);
      this.byExternalIdMap.set(externalId, holders);
      this.knownExternalIds.add(externalId);
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
    this.byExternalIdMap.clear();
    this.byKey.clear();
    this.knownDomains.clear();
    this.knownExternalIds.clear();
    this.knownKeys.clear();
  }

  get(id: string): Company | undefined {
    return this.byId.get(id);
  }

  byDomain(domain: string): Company | undefined {
    const id = this.byDomainMap.get(domain);
    return id === undefined ? undefined : this.byId.get(id);
  }

  byExternalId(externalId: string): Company[] {
    return [...(this.byExternalIdMap.get(externalId) ?? [])].map((id) => this.byId.get(id)).filter((c): c is Company => c !== undefined);
  }

  externalIdOf(company: Company): string | undefined {
    return externalIdIn(company, this.externalIdKey);
  }

  byNameKey(key: string): Company[] {
    return [...(this.byKey.get(key) ?? [])].map((id) => this.byId.get(id)).filter((c): c is Company => c !== undefined);
  }

  /** The identity rules of src/import/company-identity against what this index holds. */
  match(company: Pick<ImportCompany, 'domains' | 'nameKey' | 'externalId'>): CompanyResolution<Company> {
    return resolveCompany(company, this);
  }

  /** A parent written as a domain or a name. */
  static parentRef(ref: string): { domains: string[]; nameKey?: string } {
    const domain = /\./.test(ref) && !/\s/.test(ref.trim()) ? normaliseDomain(ref) : null;
    return domain ? { domains: [domain] } : { domains: [], nameKey: companyNameKey(ref) };
  }
}
