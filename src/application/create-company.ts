// Creates a company: domains not owned by another company, an existing parent, custom values checked, audited.
import type { CompanyView } from '../contracts/api';
import { companyNameKey } from '../domain/normalise';
import type { Company } from '../domain/records';
import type { CompanyInput } from '../domain/schemas';
import { changesBetween, companySnapshot, recordAudit } from './audit-trail';
import { ensureDomainsFree, ensureParentAllowed, sortedDomains, writeUnlessDomainTaken } from './company-rules';
import { mergeCustomValues } from './custom-values';
import type { Actor, Deps } from './deps';
import { companyView } from './views';

export async function createCompany(deps: Deps, actor: Actor, input: CompanyInput): Promise<CompanyView> {
  const { store } = deps;
  const id = deps.ids();
  await ensureDomainsFree(store, input.domains, null);
  await ensureParentAllowed(store, id, input.name, input.parentId);
  const custom = await mergeCustomValues(store, 'company', {}, input.custom);
  const now = deps.clock().toISOString();
  const company: Company = {
    id,
    name: input.name,
    nameKey: companyNameKey(input.name),
    domains: sortedDomains(input.domains),
    parentId: input.parentId,
    custom,
    version: 1,
    createdAt: now,
    createdBy: actor.accountId,
    updatedAt: now,
    updatedBy: actor.accountId,
  };
  await writeUnlessDomainTaken(store, company.domains, null, () => store.companies.insert(company));
  await recordAudit(deps, actor, now, [
    { recordType: 'company', recordId: company.id, action: 'create', changes: changesBetween(null, companySnapshot(company)) },
  ]);
  return companyView(store, company);
}
