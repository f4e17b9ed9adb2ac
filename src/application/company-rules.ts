// Rules shared by the company use cases: each domain names one company, and a parent must exist and not form a loop.
import { AppError, invalid, notFound } from '../domain/errors';
import { wouldCreateCycle } from '../domain/hierarchy';
import { MAX_HIERARCHY_DEPTH } from '../domain/limits';
import type { Store } from '../domain/ports';
import type { Company, Id } from '../domain/records';

export async function getCompany(store: Store, id: Id): Promise<Company> {
  const company = await store.companies.find(id);
  if (company === null) throw notFound('Company', id);
  return company;
}

/** Domains in the order the store reads them back (ASCII, punycode), so a reordering alone is no change. */
export function sortedDomains(domains: readonly string[]): string[] {
  return [...domains].sort();
}

/** DUPLICATE naming the first domain that another company already has, and that company. */
export async function ensureDomainsFree(store: Store, domains: readonly string[], exceptId: Id | null): Promise<void> {
  if (domains.length === 0) return;
  const owners = (await store.companies.findByDomains(domains)).filter((c) => c.id !== exceptId);
  for (const domain of domains) {
    const owner = owners.find((c) => c.domains.includes(domain));
    if (owner !== undefined) {
      throw new AppError('DUPLICATE', `The domain ${domain} already belongs to ${owner.name}; remove it there first, or leave it out here.`, {
        field: 'domains',
        domain,
        companyId: owner.id,
        companyName: owner.name,
      });
    }
  }
}

/** Turns a DUPLICATE from a racing write into the same answer the up-front check gives. */
export async function writeUnlessDomainTaken(store: Store, domains: readonly string[], exceptId: Id | null, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof AppError && error.code === 'DUPLICATE') await ensureDomainsFree(store, domains, exceptId);
    throw error;
  }
}

/**
 * Checks that `parentId` may become the parent of the company `companyId` (a new company's id works too): it exists,
 * it is not the company or one of its subsidiaries, and the chain above it stays within MAX_HIERARCHY_DEPTH.
 */
export async function ensureParentAllowed(store: Store, companyId: Id, companyName: string, parentId: Id | null): Promise<void> {
  if (parentId === null) return;
  if (parentId === companyId) throw invalid('parentId: a company cannot be its own parent.', { field: 'parentId' });
  const parent = await store.companies.find(parentId);
  if (parent === null) {
    throw invalid(`parentId: the parent company ${parentId} does not exist (it may have been deleted); pick another parent.`, { field: 'parentId' });
  }
  // Load the chain above the parent, stopping at the top, at the company itself (a loop) or at the depth limit.
  const parentOf = new Map<Id, Id | null>([[parent.id, parent.parentId]]);
  let above = parent.parentId;
  while (above !== null && above !== companyId && !parentOf.has(above)) {
    if (parentOf.size >= MAX_HIERARCHY_DEPTH) {
      throw new AppError('LIMIT_EXCEEDED', `parentId: company hierarchies can be at most ${MAX_HIERARCHY_DEPTH} levels deep; pick a parent higher up.`, {
        field: 'parentId',
        limit: MAX_HIERARCHY_DEPTH,
      });
    }
    const next = await store.companies.find(above);
    parentOf.set(above, next?.parentId ?? null);
    above = next?.parentId ?? null;
  }
  if (wouldCreateCycle(companyId, parentId, (id) => parentOf.get(id))) {
    const problem =
      above === companyId
        ? `${parent.name} is a subsidiary of ${companyName}, so it cannot also be its parent.`
        : `the companies above ${parent.name} already form a loop; fix their parents first.`;
    throw invalid(`parentId: ${problem}`, { field: 'parentId' });
  }
}
