// Edits a company: optimistic concurrency on its version, domains not owned elsewhere, no parent loops, audited.
import type { CompanyView } from '../contracts/api';
import { conflict } from '../domain/errors';
import { companyNameKey } from '../domain/normalise';
import type { Company, Id } from '../domain/records';
import type { CompanyPatch } from '../domain/schemas';
import { changesBetween, companySnapshot, recordAudit } from './audit-trail';
import { ensureDomainsFree, ensureParentAllowed, getCompany, sortedDomains, writeUnlessDomainTaken } from './company-rules';
import { mergeCustomValues } from './custom-values';
import type { Actor, Deps } from './deps';
import { linkedIssueIds, queuePropertySync } from './issue-properties';
import { assertWritable, fieldReaderFor } from './field-access';
import { companyView } from './views';
import type { PropertySync } from './work-items';

/** The fields to change (absent ones keep their value) and the version the user edited. */
export type UpdateCompanyCommand = CompanyPatch & { id: Id; version: number };

export async function updateCompany(deps: Deps & { propertySync: PropertySync }, actor: Actor, command: UpdateCompanyCommand): Promise<CompanyView> {
  const { store } = deps;
  assertWritable(await fieldReaderFor(deps.settings, actor), { custom: command.custom });
  const current = await getCompany(store, command.id);
  if (current.version !== command.version) throw conflict(`Company ${current.name}`);
  const name = command.name ?? current.name;
  const next: Company = {
    ...current,
    name,
    nameKey: companyNameKey(name),
    domains: command.domains === undefined ? current.domains : sortedDomains(command.domains),
    parentId: command.parentId === undefined ? current.parentId : command.parentId,
    custom: await mergeCustomValues(store, 'company', current.custom, command.custom),
  };

  const changes = changesBetween(companySnapshot(current), companySnapshot(next));
  if (Object.keys(changes).length === 0) return companyView(store, current);
  const added = next.domains.filter((d) => !current.domains.includes(d));
  await ensureDomainsFree(store, added, current.id);
  if (next.parentId !== current.parentId) await ensureParentAllowed(store, current.id, next.name, next.parentId);

  const now = deps.clock().toISOString();
  const saved: Company = { ...next, version: current.version + 1, updatedAt: now, updatedBy: actor.accountId };
  await writeUnlessDomainTaken(store, added, saved.id, () => store.companies.update(saved));
  await recordAudit(deps, actor, now, [{ recordType: 'company', recordId: saved.id, action: 'update', changes }]);
  // Linked issues carry the company name in their JQL property; a rename rewrites them in the background.
  if (saved.name !== current.name) await queuePropertySync(deps.propertySync, await linkedIssueIds(store, 'company', [saved.id]));
  return companyView(store, saved);
}
