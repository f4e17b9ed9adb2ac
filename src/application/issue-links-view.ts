// The issue panel's view of one issue: its linked contacts (with their companies and roles) and companies.
import type { IssueLinkedCompany, IssueLinkedContact, IssueLinks } from '../contracts/links';
import type { Store } from '../domain/ports';
import { can } from '../domain/roles';
import type { WorkIssue } from '../domain/work-items';
import type { Actor } from './deps';
import { contactViews } from './views';

export async function issueLinksView(store: Store, issue: WorkIssue, actor: Actor): Promise<IssueLinks> {
  const links = await store.links.forTarget('issue', issue.id);
  const linkOf = new Map(links.map((l) => [`${l.recordType}:${l.recordId}`, l]));
  const [contacts, companies] = await Promise.all([
    store.contacts.findMany(links.filter((l) => l.recordType === 'contact').map((l) => l.recordId)),
    store.companies.findMany(links.filter((l) => l.recordType === 'company').map((l) => l.recordId)),
  ]);
  const linked = (type: string, id: string) => {
    const link = linkOf.get(`${type}:${id}`);
    return { linkedAt: link?.createdAt ?? '', linkedBy: link?.createdBy ?? '' };
  };

  const contactItems: IssueLinkedContact[] = (await contactViews(store, contacts)).map((c) => ({
    id: c.id,
    displayName: c.displayName,
    email: c.email,
    jobTitle: c.jobTitle,
    companies: c.memberships.map((m) => ({ companyId: m.companyId, companyName: m.companyName, role: m.role, isPrimary: m.isPrimary })),
    ...linked('contact', c.id),
  }));
  const companyItems: IssueLinkedCompany[] = companies.map((c) => ({ id: c.id, name: c.name, domains: c.domains, ...linked('company', c.id) }));

  return {
    issue: { id: issue.id, key: issue.key, summary: issue.summary },
    contacts: contactItems.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id)),
    companies: companyItems.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    canEdit: can(actor.role, 'write'),
  };
}
